package dev.groupchat.pins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET .../messages/{seq}/reach}: counted from the read markers, for pinned
 * messages and the owner's and admins' messages, asked by the owner or an admin;
 * {@code seenBy} in CHAT groups only.
 */
class ReachTest extends EndToEndTest {

	@Test
	void aFanGroupCountsTheMembersWhoReadPastTheOwnersMessageWithoutNamingThem() {
		String owner = user("owner");
		String admin = user("admin");
		List<String> fans = new ArrayList<>();
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, admin);
		makeAdmin(groupId, owner, admin);
		for (int i = 0; i < 4; i++) {
			fans.add(user("fan"));
			addMember(groupId, owner, fans.get(i));
		}
		long seq = postText(owner, groupId, "tour dates are out");
		long later = postText(admin, groupId, "see you there");
		read(fans.get(0), groupId, seq);
		read(fans.get(1), groupId, later);
		read(fans.get(2), groupId, seq - 1);

		Api.Response reach = api.as(admin).get(reach(groupId, seq));

		assertThat(reach.status()).as(reach.raw()).isEqualTo(200);
		assertThat(reach.json().path("memberCount").asLong()).as("everyone but the sender").isEqualTo(5);
		// fans 0 and 1, and the admin, whose own post moved their marker past it
		assertThat(reach.json().path("readCount").asLong()).isEqualTo(3);
		assertThat(reach.json().has("seenBy")).as("FAN groups name nobody").isFalse();
		Api.Response ofLater = api.as(owner).get(reach(groupId, later));
		assertThat(ofLater.json().path("memberCount").asLong()).isEqualTo(5);
		assertThat(ofLater.json().path("readCount").asLong()).as("fan 1 alone").isEqualTo(1);
	}

	@Test
	void aChatGroupNamesWhoHasSeenAPinnedMessageOfAMember() {
		String owner = user("owner");
		String alice = user("alice");
		String bob = user("bob");
		String carol = user("carol");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, alice);
		addMember(groupId, owner, bob);
		addMember(groupId, owner, carol);
		long seq = postText(alice, groupId, "dinner at 8?");
		read(bob, groupId, seq);

		Api.Response notPinned = api.as(owner).get(reach(groupId, seq));
		assertThat(notPinned.status()).as("a member's message that is not pinned has no reach").isEqualTo(404);
		assertThat(notPinned.text("detail")).contains("pinned");
		assertThat(api.as(owner).put("/api/v1/groups/" + groupId + "/pins/" + seq, Map.of()).status()).isEqualTo(201);

		JsonNode reach = api.as(owner).get(reach(groupId, seq)).json();

		assertThat(reach.path("memberCount").asLong()).isEqualTo(3);
		assertThat(reach.path("readCount").asLong()).isEqualTo(1);
		assertThat(ids(reach.path("seenBy"))).as("readers, never the sender").containsExactly(bob);
		read(owner, groupId, seq);
		read(alice, groupId, seq + 1);
		JsonNode again = api.as(owner).get(reach(groupId, seq)).json();
		assertThat(again.path("readCount").asLong()).isEqualTo(2);
		assertThat(ids(again.path("seenBy"))).containsExactlyInAnyOrder(bob, owner);
	}

	@Test
	void onlyTheOwnerAndAdminsAskAndOnlyForMessagesThatHaveAReach() {
		String owner = user("owner");
		String member = user("member");
		String outsider = user("outsider");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		long own = postText(owner, groupId, "from the owner");
		long members = postText(member, groupId, "from a member");
		long recalled = postText(owner, groupId, "recalled");
		assertThat(api.as(owner).delete("/api/v1/groups/" + groupId + "/messages/" + recalled).status()).isEqualTo(200);

		assertThat(api.as(member).get(reach(groupId, own)).status()).isEqualTo(403);
		assertThat(api.as(outsider).get(reach(groupId, own)).status()).isEqualTo(404);
		assertThat(api.anonymous().get(reach(groupId, own)).status()).isEqualTo(401);
		assertThat(api.as(owner).get(reach(groupId, members)).status()).isEqualTo(404);
		assertThat(api.as(owner).get(reach(groupId, recalled)).status()).isEqualTo(404);
		assertThat(api.as(owner).get(reach(groupId, recalled + 50)).status()).isEqualTo(404);
		assertThat(api.as(owner).get(reach(groupId, own)).status()).isEqualTo(200);
	}

	private void read(String userId, String groupId, long seq) {
		Api.Response read = api.as(userId).post("/api/v1/groups/" + groupId + "/read", Map.of("seq", seq));
		assertThat(read.status()).as(read.raw()).isEqualTo(200);
	}

	private static List<String> ids(JsonNode array) {
		List<String> ids = new ArrayList<>();
		array.forEach(id -> ids.add(id.asString()));
		return ids;
	}

	private static String reach(String groupId, long seq) {
		return "/api/v1/groups/" + groupId + "/messages/" + seq + "/reach";
	}

}
