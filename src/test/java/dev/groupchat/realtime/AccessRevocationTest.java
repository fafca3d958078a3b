package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Whatever takes away a user's right to read a group ends their live subscription to it
 * at once: a last {@code subscription.ended} event on that subscription (with the
 * reason), nothing after it, and a new SUBSCRIBE is refused.
 */
class AccessRevocationTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration QUIET = Duration.ofMillis(700);

	@Test
	void aPublicFanGroupGoingPrivateEndsTheSubscriptionsOfReadersWhoAreNoMembers() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String reader = user("reader");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "OPEN"));
		try (StompTestClient readerClient = StompTestClient.connect(port, TestTokens.token(reader));
				StompTestClient memberClient = StompTestClient.connect(port, TestTokens.token(member))) {
			StompTestClient.Subscription readerTopic = readerClient.subscribeAndAwait(topic(groupId));
			StompTestClient.Subscription memberTopic = memberClient.subscribeAndAwait(topic(groupId));
			long seen = postText(owner, groupId, "while public");
			assertThat(readerTopic.next("message.created", WAIT).path("seq").asLong()).isEqualTo(seen);

			configure(groupId, owner, Map.of("visibility", "PRIVATE"));
			JsonNode ended = readerTopic.next("subscription.ended", WAIT);
			long after = postText(owner, groupId, "now private");

			assertThat(ended).as("the reader is told their subscription ended").isNotNull();
			assertThat(ended.path("groupId").asString()).isEqualTo(groupId);
			assertThat(ended.path("reason").asString()).isEqualTo("VISIBILITY_PRIVATE");
			assertThat(memberTopic.collect("message.created", 2, WAIT)).extracting(e -> e.path("seq").asLong())
				.contains(after);
			assertThat(memberTopic.drain()).noneMatch(e -> e.path("type").asString().equals("subscription.ended"));
			Thread.sleep(QUIET.toMillis());
			assertThat(readerTopic.drain()).as("nothing reaches the reader after the end").isEmpty();
			assertRefused(readerClient, groupId);
		}
	}

	@Test
	void aDeletedGroupEndsEverySubscriptionToIt() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String reader = user("reader");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "OPEN"));
		try (StompTestClient readerClient = StompTestClient.connect(port, TestTokens.token(reader));
				StompTestClient memberClient = StompTestClient.connect(port, TestTokens.token(member))) {
			StompTestClient.Subscription readerTopic = readerClient.subscribeAndAwait(topic(groupId));
			StompTestClient.Subscription memberTopic = memberClient.subscribeAndAwait(topic(groupId));

			assertThat(api.as(owner).delete("/api/v1/groups/" + groupId).status()).isEqualTo(204);

			for (StompTestClient.Subscription subscription : List.of(readerTopic, memberTopic)) {
				List<JsonNode> last = subscription.collectAny(2, WAIT);
				assertThat(last).extracting(e -> e.path("type").asString())
					.containsExactly("group.deleted", "subscription.ended");
				assertThat(last.getLast().path("reason").asString()).isEqualTo("GROUP_DELETED");
			}
			Thread.sleep(QUIET.toMillis());
			assertThat(readerTopic.drain()).isEmpty();
			assertThat(memberTopic.drain()).isEmpty();
			assertRefused(readerClient, groupId);
			assertRefused(memberClient, groupId);
		}
	}

	@Test
	void aKickAndALeaveEndTheSubscriptionWithTheirReason() throws Exception {
		String owner = user("owner");
		String kicked = user("kicked");
		String leaver = user("leaver");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, kicked);
		addMember(groupId, owner, leaver);
		try (StompTestClient kickedClient = StompTestClient.connect(port, TestTokens.token(kicked));
				StompTestClient leaverClient = StompTestClient.connect(port, TestTokens.token(leaver))) {
			StompTestClient.Subscription kickedTopic = kickedClient.subscribeAndAwait(topic(groupId));
			StompTestClient.Subscription leaverTopic = leaverClient.subscribeAndAwait(topic(groupId));

			assertThat(api.as(owner).delete("/api/v1/groups/" + groupId + "/members/" + kicked).status())
				.isEqualTo(204);
			assertThat(api.as(leaver).delete("/api/v1/groups/" + groupId + "/members/me").status()).isEqualTo(204);
			long after = postText(owner, groupId, "after they are gone");

			assertThat(kickedTopic.next("subscription.ended", WAIT).path("reason").asString()).isEqualTo("KICKED");
			assertThat(leaverTopic.next("subscription.ended", WAIT).path("reason").asString()).isEqualTo("LEFT");
			Thread.sleep(QUIET.toMillis());
			for (StompTestClient.Subscription gone : List.of(kickedTopic, leaverTopic)) {
				assertThat(gone.drain()).noneMatch(e -> e.path("seq").asLong() >= after);
			}
			assertRefused(kickedClient, groupId);
		}
	}

	@Test
	void aBannedReaderOfAPublicGroupIsToldAndCannotSubscribeAgain() throws Exception {
		String owner = user("owner");
		String reader = user("reader");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "OPEN"));
		try (StompTestClient readerClient = StompTestClient.connect(port, TestTokens.token(reader))) {
			StompTestClient.Subscription readerTopic = readerClient.subscribeAndAwait(topic(groupId));

			Api.Response banned = api.as(owner).post("/api/v1/groups/" + groupId + "/bans", Map.of("userId", reader));
			assertThat(banned.status()).as(banned.raw()).isEqualTo(201);

			assertThat(readerTopic.next("subscription.ended", WAIT).path("reason").asString()).isEqualTo("BANNED");
			assertRefused(readerClient, groupId);
		}
	}

	private void assertRefused(StompTestClient client, String groupId) throws InterruptedException {
		StompTestClient.Subscription again = client.subscribe(topic(groupId));
		assertThat(client.errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("SUBSCRIBE is refused")
			.startsWith("ERROR");
		assertThat(again.next(QUIET)).isNull();
	}

	private static String topic(String groupId) {
		return "/topic/group." + groupId;
	}

}
