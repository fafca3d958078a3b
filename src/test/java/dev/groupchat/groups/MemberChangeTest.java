package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PATCH of a member changes only what the body names: a role, a mute, or both. */
class MemberChangeTest extends EndToEndTest {

	@Test
	void aMuteShowsInTheMemberListUntilLifted() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		String until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

		Api.Response muted = api.as(owner).patch(path(groupId, member), Map.of("mutedUntil", until));

		assertThat(muted.status()).as(muted.raw()).isEqualTo(200);
		assertThat(Instant.parse(memberOf(owner, groupId, member).path("mutedUntil").asString()))
			.isEqualTo(Instant.parse(until));

		Api.Response lifted = api.as(owner)
			.send("PATCH", path(groupId, member), "{\"mutedUntil\": null}", "application/json");

		assertThat(lifted.status()).as(lifted.raw()).isEqualTo(200);
		assertThat(memberOf(owner, groupId, member).path("mutedUntil").isNull()).isTrue();
	}

	@Test
	void changingTheRoleLeavesTheMuteAlone() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		String until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
		assertThat(api.as(owner).patch(path(groupId, member), Map.of("mutedUntil", until)).status()).isEqualTo(200);

		Api.Response promoted = api.as(owner).patch(path(groupId, member), Map.of("role", "ADMIN"));

		assertThat(promoted.status()).as(promoted.raw()).isEqualTo(200);
		JsonNode after = memberOf(owner, groupId, member);
		assertThat(after.path("role").asString()).isEqualTo("ADMIN");
		assertThat(after.path("mutedUntil").isNull()).as("still muted: " + after).isFalse();
	}

	@Test
	void aPatchNamingNothingIsRefused() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);

		Api.Response refused = api.as(owner).patch(path(groupId, member), Map.of());

		assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
	}

	@Test
	void anUnknownRoleIsAMalformedRequest() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);

		Api.Response refused = api.as(owner).patch(path(groupId, member), Map.of("role", "KING"));

		assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
		assertThat(memberOf(owner, groupId, member).path("role").asString()).isEqualTo("MEMBER");
	}

	private static String path(String groupId, String userId) {
		return "/api/v1/groups/" + groupId + "/members/" + userId;
	}

	private JsonNode memberOf(String asUser, String groupId, String userId) {
		for (JsonNode member : api.as(asUser).get("/api/v1/groups/" + groupId + "/members").json().path("items")) {
			if (member.path("userId").asString().equals(userId)) {
				return member;
			}
		}
		throw new AssertionError(userId + " is not a member");
	}

}
