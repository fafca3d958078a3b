package dev.groupchat.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * DELETE /api/v1/me: the user leaves every group, their groups pass on or go, their
 * messages become tombstones and their profile is erased; the other members see the usual
 * events.
 */
class AccountDeletionTest extends MessagingEndToEndTest {

	@Test
	void aDeletedUsersGroupsPassToTheLongestServingAdminOrGoAndTheyLeaveTheRest() {
		String leaver = user("leaver");
		String senior = user("senior");
		String junior = user("junior");
		String friend = user("friend");
		String host = user("host");
		String handedOver = createGroup(leaver, "FAN");
		addMember(handedOver, leaver, senior);
		addMember(handedOver, leaver, junior);
		makeAdmin(handedOver, leaver, junior); // promoted first, but joined later
		makeAdmin(handedOver, leaver, senior);
		String withoutAdmin = createGroup(leaver, "CHAT");
		addMember(withoutAdmin, leaver, friend);
		String joined = createGroup(host, "FAN");
		addMember(joined, host, leaver);

		Api.Response deleted = api.as(leaver).delete("/api/v1/me");

		assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
		JsonNode passedOn = api.as(senior).get("/api/v1/groups/" + handedOver).json();
		assertThat(passedOn.path("ownerId").asString()).isEqualTo(senior);
		assertThat(passedOn.path("memberCount").asInt()).isEqualTo(2);
		assertThat(roles(senior, handedOver)).containsExactly(senior + " OWNER", junior + " ADMIN");
		assertThat(api.as(friend).get("/api/v1/groups/" + withoutAdmin).status())
			.as("deleted with no admin to take over")
			.isEqualTo(404);
		assertThat(roles(host, joined)).containsExactly(host + " OWNER");
		assertThat(api.as(leaver).get("/api/v1/groups").json().path("items").size()).isZero();
	}

	@Test
	void aDeletedUsersMessagesAreRecalledEverywhereAndTheirReactionsWithdrawn() {
		String leaver = user("leaver");
		String admin = user("admin");
		String host = user("host");
		String own = createGroup(leaver, "FAN");
		addMember(own, leaver, admin);
		makeAdmin(own, leaver, admin);
		String hosted = createGroup(host, "FAN");
		addMember(hosted, host, leaver);
		post(leaver, own, "l-1", "first of mine");
		post(admin, own, "a-1", "from the admin");
		post(leaver, own, "l-2", "second of mine");
		long hostsMessage = post(host, hosted, "h-1", "from the host");
		long leaversMessage = post(leaver, hosted, "l-3", "mine in the host's group");
		react(host, hosted, leaversMessage, "❤️");
		react(leaver, hosted, hostsMessage, "🔥");
		react(host, hosted, hostsMessage, "❤️");

		assertThat(api.as(leaver).delete("/api/v1/me").status()).isEqualTo(204);

		JsonNode ownHistory = history(admin, own);
		assertThat(rows(ownHistory, m -> m.path("seq").asLong())).as("seq stays contiguous").isEqualTo(oneTo(3));
		assertThat(rows(ownHistory,
				m -> m.path("senderId").asString() + " " + m.path("deleted").asBoolean() + " "
						+ m.path("text").asString(null)))
			.containsExactly(leaver + " true null", admin + " false from the admin", leaver + " true null");
		JsonNode hostedHistory = history(host, hosted);
		assertThat(rows(hostedHistory, m -> m.path("seq").asLong())).isEqualTo(oneTo(2));
		assertThat(hostedHistory.get(0).path("text").asString()).isEqualTo("from the host");
		assertThat(hostedHistory.get(0).path("reactions").properties()).as("the leaver's fire is withdrawn").hasSize(1);
		assertThat(hostedHistory.get(0).path("reactions").path("❤️").asInt()).isEqualTo(1);
		assertThat(hostedHistory.get(1).path("deleted").asBoolean()).isTrue();
		assertThat(hostedHistory.get(1).path("reactions").properties()).isEmpty();
	}

	@Test
	void membersWatchingLiveSeeTheLeaveAndTheRecalls() throws Exception {
		String leaver = user("leaver");
		String host = user("host");
		String hosted = createGroup(host, "FAN");
		addMember(hosted, host, leaver);
		long first = post(leaver, hosted, "l-1", "one");
		long second = post(leaver, hosted, "l-2", "two");
		try (StompTestClient watcher = StompTestClient.connect(port, TestTokens.token(host))) {
			StompTestClient.Subscription topic = watcher.subscribe("/topic/group." + hosted);
			Thread.sleep(300); // SUBSCRIBE has no receipt: give the server a moment to
								// register it

			assertThat(api.as(leaver).delete("/api/v1/me").status()).isEqualTo(204);

			JsonNode left = topic.next("member.left", Duration.ofSeconds(10));
			assertThat(left).isNotNull();
			assertThat(left.toString()).contains(leaver);
			List<JsonNode> recalls = topic.collect("message.deleted", 2, Duration.ofSeconds(10));
			assertThat(recalls).extracting(e -> e.path("message").path("seq").asLong())
				.containsExactlyInAnyOrder(first, second);
			assertThat(recalls).allSatisfy(e -> assertThat(e.path("message").path("text").isNull()).isTrue());
		}
	}

	@Test
	void theProfileIsErasedAndASecondDeleteIsHarmless() {
		String leaver = user("leaver");
		String friend = user("friend");
		String group = createGroup(friend, "FAN");
		assertThat(api.as(leaver).get("/api/v1/groups").status()).as("seen once, so known by name").isEqualTo(200);
		addMember(group, friend, leaver);
		assertThat(name(friend, group, leaver)).isEqualTo("User " + leaver);

		assertThat(api.as(leaver).delete("/api/v1/me").status()).isEqualTo(204);
		Api.Response again = api.as(leaver).delete("/api/v1/me");

		assertThat(again.status()).as(again.raw()).isEqualTo(204);
		String regroup = createGroup(friend, "FAN");
		addMember(regroup, friend, leaver);
		assertThat(name(friend, regroup, leaver)).as("nothing is known of them any more").isNull();
	}

	private List<String> roles(String readerId, String groupId) {
		Api.Response members = api.as(readerId).get("/api/v1/groups/" + groupId + "/members");
		assertThat(members.status()).as(members.raw()).isEqualTo(200);
		return rows(members.json().path("items"), m -> m.path("userId").asString() + " " + m.path("role").asString());
	}

	private String name(String readerId, String groupId, String userId) {
		JsonNode members = api.as(readerId).get("/api/v1/groups/" + groupId + "/members").json().path("items");
		for (JsonNode member : members) {
			if (member.path("userId").asString().equals(userId)) {
				return member.path("name").asString(null);
			}
		}
		throw new AssertionError(userId + " is not a member of " + groupId);
	}

}
