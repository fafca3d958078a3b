package dev.groupchat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * POLL messages over REST and STOMP: the poll's shape, votes that replace each other,
 * single and multiple choice, closing, mutes and bans, each reader's own votes in the
 * history, and {@code poll.updated} reaching members (throttled) and nobody else.
 */
class PollsTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	JdbcClient jdbc;

	@Test
	void aVoteReplacesTheVotersLastOneAndEachReaderSeesTheirOwnVotes() {
		String owner = user("owner");
		String alice = user("alice");
		String bob = user("bob");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, alice);
		addMember(groupId, owner, bob);

		Api.Response posted = postPoll(alice, groupId,
				Map.of("question", "Next city?", "options", List.of("Paris", "Lima", "Seoul")));
		assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
		JsonNode poll = posted.json().path("poll");
		assertThat(posted.json().path("type").asString()).isEqualTo("POLL");
		assertThat(poll.path("question").asString()).isEqualTo("Next city?");
		assertThat(texts(poll)).containsExactly("Paris", "Lima", "Seoul");
		assertThat(counts(poll)).containsExactly(0, 0, 0);
		assertThat(poll.path("multiple").asBoolean()).isFalse();
		assertThat(poll.path("anonymous").asBoolean()).isFalse();
		assertThat(poll.path("closed").asBoolean()).isFalse();
		assertThat(poll.path("closesAt").isNull()).isTrue();
		long seq = posted.json().path("seq").asLong();

		assertThat(counts(vote(bob, groupId, seq, List.of(1), 200))).containsExactly(0, 1, 0);
		JsonNode changed = vote(bob, groupId, seq, List.of(2), 200);
		assertThat(counts(changed)).as("the new vote replaces the old").containsExactly(0, 0, 1);
		assertThat(ints(changed.path("myVotes"))).containsExactly(2);
		assertThat(counts(vote(alice, groupId, seq, List.of(2), 200))).containsExactly(0, 0, 2);

		assertThat(ints(pollInHistory(bob, groupId, seq).path("myVotes"))).containsExactly(2);
		assertThat(ints(pollInHistory(owner, groupId, seq).path("myVotes"))).isEmpty();
		assertThat(counts(pollInHistory(owner, groupId, seq))).containsExactly(0, 0, 2);
		JsonNode withdrawn = vote(bob, groupId, seq, List.of(), 200);
		assertThat(counts(withdrawn)).containsExactly(0, 0, 1);
		assertThat(ints(withdrawn.path("myVotes"))).isEmpty();
	}

	@Test
	void singleChoiceTakesOneOptionAndMultipleChoiceSeveral() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		long single = postPoll(owner, groupId, Map.of("question", "One?", "options", List.of("a", "b", "c"))).json()
			.path("seq")
			.asLong();
		long multiple = postPoll(owner, groupId,
				Map.of("question", "Many?", "options", List.of("a", "b", "c"), "multiple", true, "anonymous", true))
			.json()
			.path("seq")
			.asLong();

		vote(owner, groupId, single, List.of(0, 1), 400);
		vote(owner, groupId, single, List.of(3), 400);
		vote(owner, groupId, single, List.of(-1), 400);
		JsonNode many = vote(owner, groupId, multiple, List.of(2, 0), 200);
		vote(owner, groupId, multiple, List.of(1, 1), 400);

		assertThat(counts(many)).containsExactly(1, 0, 1);
		assertThat(ints(many.path("myVotes"))).containsExactly(0, 2);
		assertThat(many.path("multiple").asBoolean()).isTrue();
		assertThat(many.path("anonymous").asBoolean()).isTrue();
		assertThat(counts(pollInHistory(owner, groupId, single))).containsExactly(0, 0, 0);
	}

	@Test
	void aClosedPollRefusesVotesAndSaysItIsClosed() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		String inAnHour = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
		Api.Response posted = postPoll(owner, groupId,
				Map.of("question", "Quick?", "options", List.of("yes", "no"), "closesAt", inAnHour));
		assertThat(posted.json().path("poll").path("closesAt").asString()).isEqualTo(inAnHour);
		long seq = posted.json().path("seq").asLong();
		vote(owner, groupId, seq, List.of(0), 200);
		// its time passes (moved back in the database rather than waited for)
		jdbc.sql(
				"update message set poll = jsonb_set(poll, '{closesAt}', to_jsonb(to_char((now() - interval '1 second') at time zone 'UTC',"
						+ " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))" + " where group_id = ?::uuid and seq = ?")
			.params(groupId, seq)
			.update();

		Api.Response refused = api.as(owner).put(votes(groupId, seq), Map.of("options", List.of(1)));

		assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
		assertThat(refused.text("detail")).contains("closed");
		assertThat(pollInHistory(owner, groupId, seq).path("closed").asBoolean()).isTrue();
		assertThat(counts(pollInHistory(owner, groupId, seq))).containsExactly(1, 0);
		Api.Response past = postPoll(owner, groupId,
				Map.of("question", "Too late?", "options", List.of("yes", "no"), "closesAt", "2020-01-01T00:00:00Z"));
		assertThat(past.status()).isEqualTo(400);
	}

	@Test
	void aMutedMemberCannotVoteAndABannedMembersVoteStaysCounted() {
		String owner = user("owner");
		String muted = user("muted");
		String banned = user("banned");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, muted);
		addMember(groupId, owner, banned);
		long seq = postPoll(owner, groupId, Map.of("question", "Encore?", "options", List.of("yes", "no"))).json()
			.path("seq")
			.asLong();
		vote(banned, groupId, seq, List.of(0), 200);
		String inAnHour = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
		assertThat(api.as(owner)
			.patch("/api/v1/groups/" + groupId + "/members/" + muted, Map.of("mutedUntil", inAnHour))
			.status()).isEqualTo(200);
		assertThat(api.as(owner).post("/api/v1/groups/" + groupId + "/bans", Map.of("userId", banned)).status())
			.isEqualTo(201);

		Api.Response refused = api.as(muted).put(votes(groupId, seq), Map.of("options", List.of(1)));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text("type")).endsWith("/posting-not-allowed");
		assertThat(api.as(banned).put(votes(groupId, seq), Map.of("options", List.of(1))).status()).isEqualTo(404);
		assertThat(counts(pollInHistory(owner, groupId, seq))).containsExactly(1, 0);
	}

	@Test
	void refusesPollsOfTheWrongShapeAndVotesOnWhatIsNoPoll() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		List<String> eleven = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			eleven.add("option " + i);
		}
		assertThat(postPoll(owner, groupId, Map.of("question", "Q?", "options", List.of("only one"))).status())
			.isEqualTo(400);
		assertThat(postPoll(owner, groupId, Map.of("question", "Q?", "options", eleven)).status()).isEqualTo(400);
		assertThat(postPoll(owner, groupId, Map.of("question", "Q?", "options", List.of("same", "same"))).status())
			.isEqualTo(400);
		assertThat(postPoll(owner, groupId, Map.of("question", "x".repeat(301), "options", List.of("a", "b"))).status())
			.isEqualTo(400);
		assertThat(
				postPoll(owner, groupId, Map.of("question", "Q?", "options", List.of("a", "x".repeat(101)))).status())
			.isEqualTo(400);
		assertThat(post(owner, groupId, Map.of("clientMsgId", "p-" + System.nanoTime(), "type", "POLL")).status())
			.isEqualTo(400);
		assertThat(post(owner, groupId, Map.of("clientMsgId", "p-" + System.nanoTime(), "type", "TEXT", "text", "hi",
				"poll", Map.of("question", "Q?", "options", List.of("a", "b"))))
			.status()).isEqualTo(400);
		long text = post(owner, groupId, Map.of("clientMsgId", "t-" + System.nanoTime(), "type", "TEXT", "text", "hi"))
			.json()
			.path("seq")
			.asLong();
		long recalled = postPoll(owner, groupId, Map.of("question", "Gone?", "options", List.of("a", "b"))).json()
			.path("seq")
			.asLong();
		assertThat(api.as(owner).delete("/api/v1/groups/" + groupId + "/messages/" + recalled).status()).isEqualTo(200);

		assertThat(api.as(owner).put(votes(groupId, text), Map.of("options", List.of(0))).status()).isEqualTo(409);
		assertThat(api.as(owner).put(votes(groupId, recalled), Map.of("options", List.of(0))).status()).isEqualTo(409);
		assertThat(api.as(owner).put(votes(groupId, recalled + 10), Map.of("options", List.of(0))).status())
			.isEqualTo(404);
		long live = postPoll(owner, groupId, Map.of("question", "Edit me?", "options", List.of("a", "b"))).json()
			.path("seq")
			.asLong();
		assertThat(api.as(owner).patch("/api/v1/groups/" + groupId + "/messages/" + live, Map.of("text", "x")).status())
			.as("a poll cannot be edited")
			.isEqualTo(409);
		assertThat(pollInHistory(owner, groupId, recalled).isMissingNode()
				|| pollInHistory(owner, groupId, recalled).isNull())
			.as("a recalled poll keeps no poll")
			.isTrue();
	}

	@Test
	void aPollSentOverStompIsDeliveredAndVotesReachMembersAsPollUpdatedAndNobodyElse() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String leaver = user("leaver");
		String outsider = user("outsider");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		addMember(groupId, owner, leaver);
		try (StompTestClient ownerClient = StompTestClient.connect(port, TestTokens.token(owner));
				StompTestClient memberClient = StompTestClient.connect(port, TestTokens.token(member));
				StompTestClient leaverClient = StompTestClient.connect(port, TestTokens.token(leaver));
				StompTestClient outsiderClient = StompTestClient.connect(port, TestTokens.token(outsider));
				StompTestClient outsiderProbe = StompTestClient.connect(port, TestTokens.token(outsider))) {
			StompTestClient.Subscription acks = ownerClient.subscribeAndAwait("/user/queue/acks");
			StompTestClient.Subscription memberTopic = memberClient.subscribeAndAwait(topic(groupId));
			StompTestClient.Subscription leaverTopic = leaverClient.subscribeAndAwait(topic(groupId));
			StompTestClient.Subscription outsiderEvents = outsiderClient.subscribeAndAwait("/user/queue/events");
			StompTestClient.Subscription outsiderTopic = outsiderProbe.subscribe(topic(groupId));
			assertThat(outsiderProbe.errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).startsWith("ERROR");
			assertThat(api.as(leaver).delete("/api/v1/groups/" + groupId + "/members/me").status()).isEqualTo(204);
			assertThat(leaverTopic.next("subscription.ended", WAIT)).isNotNull();

			ownerClient.send("/app/group." + groupId + ".send", Map.of("clientMsgId", "stomp-poll", "type", "POLL",
					"poll", Map.of("question", "Secret song?", "options", List.of("one", "two"))));
			JsonNode ack = acks.next(WAIT);
			assertThat(ack.path("status").asString()).as(ack.toString()).isEqualTo("OK");
			long seq = ack.path("message").path("seq").asLong();
			JsonNode created = memberTopic.next("message.created", WAIT);
			assertThat(created.path("message").path("poll").path("question").asString()).isEqualTo("Secret song?");
			vote(member, groupId, seq, List.of(1), 200);
			JsonNode updated = memberTopic.next("poll.updated", WAIT);

			assertThat(updated).as("the member hears of the vote").isNotNull();
			assertThat(updated.path("seq").asLong()).isEqualTo(seq);
			assertThat(counts(updated.path("poll"))).containsExactly(0, 1);
			assertThat(updated.path("poll").path("myVotes").isNull()).as("nobody's own votes go to everyone").isTrue();
			Thread.sleep(700);
			List<JsonNode> leaked = new ArrayList<>();
			for (StompTestClient.Subscription stranger : List.of(leaverTopic, outsiderEvents, outsiderTopic)) {
				leaked.addAll(stranger.drain());
			}
			assertThat(leaverClient.isConnected() && outsiderClient.isConnected()).isTrue();
			assertThat(leaked).as("nothing of the poll reaches who may not read the group")
				.noneMatch(event -> event.path("type").asString().startsWith("poll.")
						|| event.toString().contains("Secret song"));
		}
	}

	@Test
	void manyVotesInQuickSuccessionBecomeFewUpdatesTheLastWithTheFinalCounts() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		List<String> voters = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			voters.add(user("voter"));
			addMember(groupId, owner, voters.get(i));
		}
		long seq = postPoll(owner, groupId, Map.of("question", "Best album?", "options", List.of("first", "second")))
			.json()
			.path("seq")
			.asLong();
		try (StompTestClient watcher = StompTestClient.connect(port, TestTokens.token(owner))) {
			StompTestClient.Subscription topic = watcher.subscribeAndAwait(topic(groupId));
			long start = System.nanoTime();
			for (String voter : voters) {
				vote(voter, groupId, seq, List.of(voter.hashCode() % 2 == 0 ? 0 : 1), 200);
			}
			double votingSeconds = (System.nanoTime() - start) / 1e9;

			List<JsonNode> updates = new ArrayList<>();
			JsonNode last = null;
			while (last == null || total(last) < voters.size()) {
				last = topic.next("poll.updated", WAIT);
				assertThat(last).as("updates until the final counts, got %s", updates).isNotNull();
				updates.add(last);
			}
			Thread.sleep(1_500);
			updates.addAll(topic.collect("poll.updated", 100, Duration.ofMillis(100)));

			assertThat(updates.size()).as("15 votes in %.2f s gave %s updates", votingSeconds, updates.size())
				.isLessThan(voters.size())
				.isLessThanOrEqualTo((int) Math.ceil(votingSeconds) + 2);
			assertThat(total(updates.getLast())).as("the last update has every vote").isEqualTo(voters.size());
		}
	}

	private static int total(JsonNode updated) {
		return counts(updated.path("poll")).stream().mapToInt(Integer::intValue).sum();
	}

	private JsonNode vote(String userId, String groupId, long seq, List<Integer> options, int status) {
		Api.Response voted = api.as(userId).put(votes(groupId, seq), Map.of("options", options));
		assertThat(voted.status()).as(voted.raw()).isEqualTo(status);
		return voted.json();
	}

	private JsonNode pollInHistory(String userId, String groupId, long seq) {
		Api.Response page = api.as(userId)
			.get("/api/v1/groups/" + groupId + "/messages?afterSeq=" + (seq - 1) + "&limit=1");
		assertThat(page.status()).as(page.raw()).isEqualTo(200);
		return page.json().path("messages").get(0).path("poll");
	}

	private Api.Response postPoll(String userId, String groupId, Map<String, Object> poll) {
		return post(userId, groupId, Map.of("clientMsgId", "p-" + System.nanoTime(), "type", "POLL", "poll", poll));
	}

	private Api.Response post(String userId, String groupId, Map<String, Object> body) {
		return api.as(userId).post("/api/v1/groups/" + groupId + "/messages", body);
	}

	private static List<Integer> counts(JsonNode poll) {
		List<Integer> counts = new ArrayList<>();
		poll.path("options").forEach(option -> counts.add(option.path("votes").asInt()));
		return counts;
	}

	private static List<String> texts(JsonNode poll) {
		List<String> texts = new ArrayList<>();
		poll.path("options").forEach(option -> texts.add(option.path("text").asString()));
		return texts;
	}

	private static List<Integer> ints(JsonNode array) {
		List<Integer> ints = new ArrayList<>();
		array.forEach(value -> ints.add(value.asInt()));
		return ints;
	}

	private static String votes(String groupId, long seq) {
		return "/api/v1/groups/" + groupId + "/messages/" + seq + "/votes";
	}

	private static String topic(String groupId) {
		return "/topic/group." + groupId;
	}

}
