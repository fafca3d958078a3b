package dev.groupchat.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Blocking over REST and STOMP: the blocker gets placeholders for the blocked user's
 * messages (history, group list, live, resume), never their text; the blocked user cannot
 * add the blocker to a group and cannot tell they were blocked.
 */
class BlockingTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration QUIET = Duration.ofMillis(500);

	@Autowired
	JdbcClient jdbc;

	@Test
	void blockingIsIdempotentListedOnlyToTheBlockerAndBounded() {
		String alice = user("alice");
		String bob = user("bob");

		assertThat(api.as(alice).put(blocks(bob), null).status()).isEqualTo(204);
		assertThat(api.as(alice).put(blocks(bob), null).status()).as("again: no change, no error").isEqualTo(204);
		JsonNode listed = api.as(alice).get("/api/v1/me/blocks").json();
		assertThat(listed.path("items")).hasSize(1);
		assertThat(listed.path("items").get(0).path("userId").asString()).isEqualTo(bob);
		assertThat(Instant.parse(listed.path("items").get(0).path("blockedAt").asString()))
			.isBefore(Instant.now().plusSeconds(1));
		assertThat(listed.path("nextCursor").isNull()).isTrue();
		assertThat(api.as(bob).get("/api/v1/me/blocks").json().path("items")).as("bob sees nothing").isEmpty();

		Api.Response self = api.as(alice).put(blocks(alice), null);
		assertThat(self.status()).isEqualTo(400);
		assertThat(self.contentType()).startsWith("application/problem+json");
		assertThat(api.as(alice).put("/api/v1/me/blocks/not%20an%20id", null).status()).isEqualTo(400);
		assertThat(api.as(alice).put(blocks("x".repeat(65)), null).status()).isEqualTo(400);

		assertThat(api.as(alice).delete(blocks(bob)).status()).isEqualTo(204);
		assertThat(api.as(alice).delete(blocks(bob)).status()).as("again: nothing to lift").isEqualTo(204);
		assertThat(api.as(alice).get("/api/v1/me/blocks").json().path("items")).isEmpty();
	}

	@Test
	void theListIsPagedAndTheLimitRefusesOneBlockTooMany() {
		String carol = user("carol");
		Instant at = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < 1000; i++) {
			jdbc.sql("insert into user_block (blocker_id, blocked_id, blocked_at) values (:a, :b, :at)")
				.param("a", carol)
				.param("b", "seeded-" + i)
				.param("at", Timestamp.from(at.plusSeconds(i)))
				.update();
		}
		Api.Response page = api.as(carol).get("/api/v1/me/blocks?limit=200");
		assertThat(page.json().path("items")).hasSize(200);
		String next = page.text("nextCursor");
		Api.Response second = api.as(carol).get("/api/v1/me/blocks?limit=200&cursor=" + next);
		assertThat(second.json().path("items").get(0).path("userId").asString()).isEqualTo("seeded-200");

		Api.Response over = api.as(carol).put(blocks(user("one-more")), null);
		assertThat(over.status()).isEqualTo(409);
		assertThat(over.contentType()).startsWith("application/problem+json");
		assertThat(api.as(carol).put(blocks("seeded-5"), null).status()).as("an existing block is no new one")
			.isEqualTo(204);
	}

	@Test
	void theBlockersHistoryAndGroupListShowPlaceholdersForTheBlockedSender() {
		String alice = user("alice");
		String bob = user("bob");
		String carol = user("carol");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		addMember(group, alice, carol);
		block(alice, bob);

		long fromCarol = postText(carol, group, "hello from carol");
		long fromBob = postText(bob, group, "secret from bob");

		JsonNode history = api.as(alice).get(messages(group)).json().path("messages");
		JsonNode hidden = bySeq(history, fromBob);
		assertThat(hidden.path("hidden").asBoolean()).isTrue();
		assertThat(hidden.path("blocked").asBoolean()).isTrue();
		assertThat(hidden.path("groupId").asString()).isEqualTo(group);
		assertThat(hidden.has("text")).isFalse();
		assertThat(hidden.has("senderId")).isFalse();
		assertThat(bySeq(history, fromCarol).path("text").asString()).isEqualTo("hello from carol");
		assertThat(seqs(history)).as("no seq is missing").containsExactlyElementsOf(contiguous(history));
		assertThat(history.toString()).doesNotContain("secret from bob");

		JsonNode last = myGroup(alice, group).path("lastMessage");
		assertThat(last.path("seq").asLong()).isEqualTo(fromBob);
		assertThat(last.path("blocked").asBoolean()).isTrue();
		assertThat(last.has("text")).isFalse();

		assertThat(bySeq(api.as(carol).get(messages(group)).json().path("messages"), fromBob).path("text").asString())
			.as("a block is the blocker's alone")
			.isEqualTo("secret from bob");
		JsonNode own = bySeq(api.as(bob).get(messages(group)).json().path("messages"), fromBob);
		assertThat(own.path("text").asString()).as("bob cannot tell").isEqualTo("secret from bob");
		assertThat(own.has("hidden")).isFalse();

		unblock(alice, bob);
		assertThat(bySeq(api.as(alice).get(messages(group)).json().path("messages"), fromBob).path("text").asString())
			.isEqualTo("secret from bob");
	}

	@Test
	void aBlockedSendersMessagesNeverReachTheBlockerLive() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String carol = user("carol");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		addMember(group, alice, carol);
		block(alice, bob);
		try (StompTestClient blocker = StompTestClient.connect(port, TestTokens.token(alice));
				StompTestClient other = StompTestClient.connect(port, TestTokens.token(carol));
				StompTestClient blocked = StompTestClient.connect(port, TestTokens.token(bob))) {
			StompTestClient.Subscription topic = blocker.subscribeAndAwait(topic(group));
			StompTestClient.Subscription carolsTopic = other.subscribeAndAwait(topic(group));
			StompTestClient.Subscription bobsTopic = blocked.subscribeAndAwait(topic(group));
			blocked.sendAndAwait("/app/group." + group + ".typing", Map.of());
			blocked.sendAndAwait("/app/group." + group + ".send",
					Map.of("clientMsgId", "live-1", "type", "TEXT", "text", "secret over stomp"));
			long overRest = postText(bob, group, "secret over rest");
			api.as(bob).patch(messages(group) + "/" + overRest, Map.of("text", "secret edited"));
			long visible = postText(carol, group, "carol speaks");

			List<JsonNode> toCarol = untilCreated(carolsTopic, 3);
			List<JsonNode> toBob = untilCreated(bobsTopic, 3);
			List<JsonNode> toAlice = untilCreated(topic, 3);
			Thread.sleep(QUIET.toMillis());
			toAlice.addAll(topic.drain());
			toCarol.addAll(carolsTopic.drain());

			List<JsonNode> created = ofType(toAlice, "message.created");
			assertThat(created).extracting(e -> e.path("seq").asLong())
				.as("contiguous seqs")
				.containsExactly(overRest - 1, overRest, visible);
			assertThat(created.subList(0, 2)).allSatisfy(e -> {
				assertThat(e.path("message").path("hidden").asBoolean()).isTrue();
				assertThat(e.path("message").path("blocked").asBoolean()).isTrue();
				assertThat(e.path("message").has("text")).isFalse();
				assertThat(e.path("message").has("senderId")).isFalse();
			});
			assertThat(created.get(2).path("message").path("text").asString()).isEqualTo("carol speaks");
			assertThat(toAlice).extracting(e -> e.path("type").asString())
				.as("bob's typing and edit do not reach alice")
				.doesNotContain("typing", "message.edited");
			assertThat(toAlice.toString()).doesNotContain("secret");

			assertThat(ofType(toCarol, "message.created")).extracting(e -> e.path("message").path("text").asString())
				.containsExactly("secret over stomp", "secret over rest", "carol speaks");
			assertThat(toCarol).extracting(e -> e.path("type").asString())
				.as("others see what alice does not")
				.contains("typing", "message.edited");
			assertThat(ofType(toBob, "message.created")).as("bob cannot tell")
				.allSatisfy(e -> assertThat(e.path("message").has("hidden")).isFalse());
		}
	}

	/**
	 * Every event until {@code count} message.created events arrived (or the wait ends).
	 */
	private static List<JsonNode> untilCreated(StompTestClient.Subscription subscription, int count)
			throws InterruptedException {
		List<JsonNode> all = new ArrayList<>();
		long end = System.nanoTime() + WAIT.toNanos();
		while (ofType(all, "message.created").size() < count && System.nanoTime() < end) {
			JsonNode event = subscription.next(Duration.ofMillis(200));
			if (event != null) {
				all.add(event);
			}
		}
		return all;
	}

	private static List<JsonNode> ofType(List<JsonNode> events, String type) {
		return events.stream().filter(e -> type.equals(e.path("type").asString())).toList();
	}

	@Test
	void aBlockOrUnblockReachesAnOpenSessionAndAResumeReplaysPlaceholders() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		try (StompTestClient blocker = StompTestClient.connect(port, TestTokens.token(alice))) {
			StompTestClient.Subscription topic = blocker.subscribeAndAwait(topic(group));
			block(alice, bob);
			long hidden = postText(bob, group, "secret after the block");
			assertThat(topic.next("message.created", WAIT).path("message").path("blocked").asBoolean()).isTrue();
			unblock(alice, bob);
			postText(bob, group, "visible after unblocking");
			assertThat(topic.next("message.created", WAIT).path("message").path("text").asString())
				.isEqualTo("visible after unblocking");
			block(alice, bob);
			long before = hidden - 1;

			try (StompTestClient resumed = StompTestClient.connect(port, TestTokens.token(alice))) {
				StompTestClient.Subscription replay = resumed.subscribeAndAwait(topic(group),
						Map.of("resume-after-seq", Long.toString(before)));
				List<JsonNode> replayed = replay.collect("message.created", 2, WAIT);
				assertThat(replayed).extracting(e -> e.path("seq").asLong()).containsExactly(hidden, hidden + 1);
				assertThat(replayed).allSatisfy(e -> {
					assertThat(e.path("message").path("blocked").asBoolean()).isTrue();
					assertThat(e.path("message").has("text")).isFalse();
				});
			}
		}
	}

	@Test
	void theBlockedUserCannotAddTheBlockerAndCannotTellItIsABlock() {
		String alice = user("alice");
		String bob = user("bob");
		String carol = user("carol");
		block(alice, bob);

		String bobsGroup = createGroup(bob, "CHAT");
		Api.Response added = api.as(bob).post("/api/v1/groups/" + bobsGroup + "/members", Map.of("userId", alice));
		assertThat(added.status()).isEqualTo(403);
		assertThat(added.text("type")).isEqualTo(ProblemType.FORBIDDEN.type().toString());
		assertThat(added.raw().toLowerCase()).doesNotContain("block");
		Api.Response created = api.as(bob)
			.post("/api/v1/groups", Map.of("name", "With alice", "kind", "CHAT", "memberIds", List.of(alice, carol)));
		assertThat(created.status()).isEqualTo(403);
		assertThat(created.text("type")).isEqualTo(added.text("type"));
		assertThat(created.raw().toLowerCase()).doesNotContain("block");

		String fanGroup = createGroup(bob, "FAN");
		addMember(fanGroup, bob, carol);
		Api.Response byMember = api.as(carol).post("/api/v1/groups/" + fanGroup + "/members", Map.of("userId", alice));
		assertThat(byMember.status()).as("any other forbidden add").isEqualTo(403);
		assertThat(byMember.text("type")).isEqualTo(added.text("type"));

		addMember(bobsGroup, bob, carol);
		addMember(bobsGroup, carol, alice);
		assertThat(api.as(bob).get("/api/v1/groups/" + bobsGroup + "/members").json().path("items").toString())
			.as("others may still add her")
			.contains(alice);
	}

	@Test
	void deletingAnAccountForgetsTheBlocksItMadeButNotThoseOfOthers() {
		String alice = user("alice");
		String bob = user("bob");
		String carol = user("carol");
		block(alice, bob);
		block(carol, alice);

		assertThat(api.as(alice).delete("/api/v1/me").status()).isEqualTo(204);

		assertThat(api.as(alice).get("/api/v1/me/blocks").json().path("items")).isEmpty();
		assertThat(api.as(carol).get("/api/v1/me/blocks").json().path("items").toString()).contains(alice);
	}

	private void block(String blocker, String blocked) {
		assertThat(api.as(blocker).put(blocks(blocked), null).status()).isEqualTo(204);
	}

	private void unblock(String blocker, String blocked) {
		assertThat(api.as(blocker).delete(blocks(blocked)).status()).isEqualTo(204);
	}

	private JsonNode myGroup(String userId, String groupId) {
		JsonNode items = api.as(userId).get("/api/v1/groups").json().path("items");
		return StreamSupport.stream(items.spliterator(), false)
			.filter(g -> g.path("id").asString().equals(groupId))
			.findFirst()
			.orElseThrow();
	}

	private static JsonNode bySeq(JsonNode messages, long seq) {
		return StreamSupport.stream(messages.spliterator(), false)
			.filter(m -> m.path("seq").asLong() == seq)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no seq " + seq + " in " + messages));
	}

	private static List<Long> seqs(JsonNode messages) {
		return StreamSupport.stream(messages.spliterator(), false).map(m -> m.path("seq").asLong()).toList();
	}

	private static List<Long> contiguous(JsonNode messages) {
		long first = messages.get(0).path("seq").asLong();
		return IntStream.range(0, messages.size()).mapToObj(i -> first + i).toList();
	}

	private static String blocks(String userId) {
		return "/api/v1/me/blocks/" + userId;
	}

	private static String messages(String groupId) {
		return "/api/v1/groups/" + groupId + "/messages";
	}

	private static String topic(String groupId) {
		return "/topic/group." + groupId;
	}

}
