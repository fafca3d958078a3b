package dev.groupchat.support;

/**
 * A group with its OWNER, one ADMIN and one MEMBER, the cast of most moderation and
 * authorization tests; made by {@link EndToEndTest#fixture(String)}. The three are user
 * ids; {@link TestTokens#token(String)} signs a token for each.
 */
public record GroupFixture(String owner, String admin, String member, String groupId) {

	public String ownerToken() {
		return TestTokens.token(owner);
	}

	public String adminToken() {
		return TestTokens.token(admin);
	}

	public String memberToken() {
		return TestTokens.token(member);
	}

}
