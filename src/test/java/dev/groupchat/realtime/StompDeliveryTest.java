package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Live delivery through a real STOMP client: idempotent sends, resume, membership,
 * typing, read.
 */
class StompDeliveryTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration QUIET = Duration.ofMillis(500);

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRetriedSendIsStoredOnceAndBothAcksCarryTheSameMessage() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		try (StompTestClient watcher = StompTestClient.connect(port, TestTokens.token(owner));
				StompTestClient sender = StompTestClient.connect(port, TestTokens.token(member))) {
			StompTestClient.Subscription topic = watcher.subscribeAndAwait(topic(groupId));
			StompTestClient.Subscription acks = sender.subscribeAndAwait("/user/queue/acks");

			Map<String, Object> message = text("retry-1", "only once");
			sender.sendAndAwait(send(groupId), message);
			sender.sendAndAwait(send(groupId), message);

			List<JsonNode> received = acks.collectAny(2, WAIT);
			assertThat(received).hasSize(2).allSatisfy(ack -> {
				assertThat(ack.path("status").asString()).isEqualTo("OK");
				assertThat(ack.path("clientMsgId").asString()).isEqualTo("retry-1");
			});
			assertThat(received).extracting(ack -> ack.path("message").path("id").asString())
				.containsOnly(received.getFirst().path("message").path("id").asString());
			long seq = received.getFirst().path("message").path("seq").asLong();
			assertThat(received).extracting(ack -> ack.path("message").path("seq").asLong()).containsOnly(seq);
			assertThat(topic.collect("message.created", 1, WAIT)).extracting(e -> e.path("seq").asLong())
				.containsExactly(seq);
			assertThat(topic.next("message.created", QUIET)).isNull();

			Api.Response overRest = api.as(member).post("/api/v1/groups/" + groupId + "/messages", message);
			assertThat(overRest.status()).as("the same idempotency over REST").isEqualTo(200);
			assertThat(overRest.json().path("seq").asLong()).isEqualTo(seq);
		}
		assertThat(rowsWithClientMsgId(groupId, "retry-1")).isEqualTo(1);
	}

	@Test
	void tenConcurrentCopiesOfASendFromTenSessionsStoreOneMessage() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		long before = lastSeq(groupId);
		List<StompTestClient> clients = new ArrayList<>();
		try (StompTestClient watcher = StompTestClient.connect(port, TestTokens.token(owner))) {
			StompTestClient.Subscription topic = watcher.subscribeAndAwait(topic(groupId));
			List<StompTestClient.Subscription> acks = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				StompTestClient client = StompTestClient.connect(port, TestTokens.token(member));
				clients.add(client);
				acks.add(client.subscribeAndAwait("/user/queue/acks"));
			}
			CountDownLatch start = new CountDownLatch(1);
			try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
				List<Future<?>> sends = new ArrayList<>();
				for (StompTestClient client : clients) {
					sends.add(pool.submit(() -> {
						start.await();
						client.send(send(groupId), text("burst-1", "ten copies, one message"));
						return null;
					}));
				}
				start.countDown();
				for (Future<?> sent : sends) {
					sent.get();
				}
			}

			List<JsonNode> all = new ArrayList<>();
			for (StompTestClient.Subscription ack : acks) {
				JsonNode received = ack.next(WAIT);
				assertThat(received).as("every session gets its ack").isNotNull();
				all.add(received);
			}
			assertThat(all)
				.allSatisfy(ack -> assertThat(ack.path("status").asString()).as(ack.toString()).isEqualTo("OK"));
			assertThat(all).extracting(ack -> ack.path("message").path("seq").asLong()).containsOnly(before + 1);
			assertThat(all).extracting(ack -> ack.path("message").path("id").asString())
				.containsOnly(all.getFirst().path("message").path("id").asString());
			assertThat(topic.collect("message.created", 1, WAIT)).hasSize(1);
			assertThat(topic.next("message.created", QUIET)).isNull();
		}
		finally {
			clients.forEach(StompTestClient::close);
		}
		assertThat(rowsWithClientMsgId(groupId, "burst-1")).isEqualTo(1);
		assertThat(lastSeq(groupId)).isEqualTo(before + 1);
	}

	@Test
	void aClientThatResumesAfterItsLastSeenSeqGetsEveryMissedMessageOnceInOrderThenLiveOnes() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		try (StompTestClient ownerClient = StompTestClient.connect(port, TestTokens.token(owner))) {
			// the owner stays subscribed throughout, so the group's channel lives on
			// between the member's sessions
			ownerClient.subscribeAndAwait(topic(groupId));
			long lastSeen;
			try (StompTestClient first = StompTestClient.connect(port, TestTokens.token(member))) {
				StompTestClient.Subscription live = first.subscribeAndAwait(topic(groupId));
				postText(owner, groupId, "before the gap");
				lastSeen = live.next("message.created", WAIT).path("seq").asLong();
			}
			for (int i = 0; i < 200; i++) {
				postText(owner, groupId, "missed " + i);
			}

			try (StompTestClient second = StompTestClient.connect(port, TestTokens.token(member))) {
				StompTestClient.Subscription resumed = second.subscribe(topic(groupId),
						Map.of("resume-after-seq", Long.toString(lastSeen)));
				// live messages race the replay: they must come after it, each once
				for (int i = 0; i < 5; i++) {
					postText(owner, groupId, "live " + i);
				}

				List<JsonNode> created = resumed.collect("message.created", 205, Duration.ofSeconds(20));
				assertThat(created).extracting(e -> e.path("seq").asLong())
					.containsExactlyElementsOf(LongStream.rangeClosed(lastSeen + 1, lastSeen + 205).boxed().toList());
				assertThat(created.get(0).path("message").path("text").asString()).isEqualTo("missed 0");
				assertThat(created.get(199).path("message").path("text").asString()).isEqualTo("missed 199");
				assertThat(created.get(204).path("message").path("text").asString()).isEqualTo("live 4");
				assertThat(resumed.next("message.created", QUIET)).isNull();
			}
		}
	}

	@Test
	void moreThanAThousandMissedGetOneResyncRequiredAndAThousandAreStillReplayed() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		long last = seedMessages(groupId, owner, 1001);

		try (StompTestClient tooFarBehind = StompTestClient.connect(port, TestTokens.token(member));
				StompTestClient justInReach = StompTestClient.connect(port, TestTokens.token(member))) {
			StompTestClient.Subscription resync = tooFarBehind.subscribeAndAwait(topic(groupId),
					Map.of("resume-after-seq", Long.toString(last - 1001)));
			StompTestClient.Subscription replay = justInReach.subscribeAndAwait(topic(groupId),
					Map.of("resume-after-seq", Long.toString(last - 1000)));
			long live = postText(owner, groupId, "after the resync");

			List<JsonNode> resyncEvents = resync.collectAny(2, WAIT);
			assertThat(resyncEvents).extracting(e -> e.path("type").asString())
				.containsExactly("resync.required", "message.created");
			assertThat(resyncEvents.get(0).path("groupId").asString()).isEqualTo(groupId);
			assertThat(resyncEvents.get(1).path("seq").asLong()).isEqualTo(live);
			assertThat(resync.next(QUIET)).isNull();

			List<JsonNode> replayed = replay.collect("message.created", 1001, Duration.ofSeconds(20));
			assertThat(replayed).extracting(e -> e.path("seq").asLong())
				.containsExactlyElementsOf(LongStream.rangeClosed(last - 999, live).boxed().toList());
			assertThat(replay.next(QUIET)).isNull();
		}
	}

	@Test
	void aNonMemberCannotSubscribeAndTheirSendIsRefusedWithoutStoringAnything() throws Exception {
		String owner = user("owner");
		String stranger = user("stranger");
		String groupId = createGroup(owner, "CHAT");
		postText(owner, groupId, "members only");
		long count = messageCount(groupId);

		try (StompTestClient snoop = StompTestClient.connect(port, TestTokens.token(stranger))) {
			StompTestClient.Subscription refused = snoop.subscribe(topic(groupId));
			String error = snoop.errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(error).startsWith("ERROR").contains("\"status\":403");
			assertThat(snoop.awaitDisconnect(WAIT)).as("the server closes after ERROR").isTrue();
			postText(owner, groupId, "not for strangers");
			assertThat(refused.next(QUIET)).isNull();
		}
		try (StompTestClient intruder = StompTestClient.connect(port, TestTokens.token(stranger))) {
			StompTestClient.Subscription acks = intruder.subscribeAndAwait("/user/queue/acks");
			intruder.sendAndAwait(send(groupId), text("intrude-1", "let me in"));

			JsonNode ack = acks.next(WAIT);
			assertThat(ack.path("status").asString()).isEqualTo("ERROR");
			assertThat(ack.path("clientMsgId").asString()).isEqualTo("intrude-1");
			assertThat(ack.path("problem").path("status").asInt()).isEqualTo(403);
		}
		assertThat(messageCount(groupId)).isEqualTo(count + 1);
		assertThat(rowsWithClientMsgId(groupId, "intrude-1")).isZero();
	}

	@Test
	void aBannedMemberStopsReceivingAtOnceAndIsToldOnTheirOwnQueue() throws Exception {
		String owner = user("owner");
		String victim = user("victim");
		String bystander = user("bystander");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, victim);
		addMember(groupId, owner, bystander);
		try (StompTestClient victimClient = StompTestClient.connect(port, TestTokens.token(victim));
				StompTestClient bystanderClient = StompTestClient.connect(port, TestTokens.token(bystander))) {
			StompTestClient.Subscription victimTopic = victimClient.subscribeAndAwait(topic(groupId));
			StompTestClient.Subscription victimEvents = victimClient.subscribeAndAwait("/user/queue/events");
			StompTestClient.Subscription bystanderTopic = bystanderClient.subscribeAndAwait(topic(groupId));
			long seen = postText(owner, groupId, "before the ban");
			assertThat(victimTopic.next("message.created", WAIT).path("seq").asLong()).isEqualTo(seen);

			Api.Response banned = api.as(owner)
				.post("/api/v1/groups/" + groupId + "/bans", Map.of("userId", victim, "reason", "spam"));
			assertThat(banned.status()).as(banned.raw()).isEqualTo(201);
			long after = postText(owner, groupId, "after the ban");

			assertThat(bystanderTopic.collect("message.created", 3, WAIT)).extracting(e -> e.path("seq").asLong())
				.contains(after);
			Thread.sleep(QUIET.toMillis());
			assertThat(victimTopic.drain()).as("nothing posted after the ban reaches the banned member")
				.noneMatch(e -> e.path("seq").asLong() >= after);
			List<JsonNode> told = victimEvents.collectAny(2, WAIT);
			assertThat(told).extracting(e -> e.path("type").asString())
				.containsExactlyInAnyOrder("member.left", "member.banned");
			assertThat(told).allSatisfy(e -> assertThat(e.path("groupId").asString()).isEqualTo(groupId));

			StompTestClient.Subscription again = victimClient.subscribe(topic(groupId));
			assertThat(victimClient.errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).startsWith("ERROR");
			assertThat(again.next(QUIET)).isNull();
		}
	}

	@Test
	void anAddedUserIsToldOnTheirOwnQueue() throws Exception {
		String owner = user("owner");
		String newcomer = user("newcomer");
		String groupId = createGroup(owner, "CHAT");
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(newcomer))) {
			StompTestClient.Subscription events = client.subscribeAndAwait("/user/queue/events");

			addMember(groupId, owner, newcomer);

			JsonNode joined = events.next("member.joined", WAIT);
			assertThat(joined).isNotNull();
			assertThat(joined.path("groupId").asString()).isEqualTo(groupId);
			assertThat(joined.path("member").path("userId").asString()).isEqualTo(newcomer);
			assertThat(client.subscribeAndAwait(topic(groupId))).as("a member may now subscribe").isNotNull();
		}
	}

	@Test
	void typingIsBroadcastToOthersAndNeverStored() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		postText(owner, groupId, "hi");
		long count = messageCount(groupId);
		long lastSeq = lastSeq(groupId);
		try (StompTestClient ownerClient = StompTestClient.connect(port, TestTokens.token(owner));
				StompTestClient memberClient = StompTestClient.connect(port, TestTokens.token(member))) {
			StompTestClient.Subscription ownerTopic = ownerClient.subscribeAndAwait(topic(groupId));
			memberClient.subscribeAndAwait(topic(groupId));

			memberClient.sendAndAwait("/app/group." + groupId + ".typing", Map.of());

			JsonNode typing = ownerTopic.next(WAIT);
			assertThat(typing.path("type").asString()).isEqualTo("typing");
			assertThat(typing.path("userId").asString()).isEqualTo(member);
			assertThat(typing.path("groupId").asString()).isEqualTo(groupId);
			assertThat(ownerTopic.next(QUIET)).isNull();
		}
		assertThat(messageCount(groupId)).isEqualTo(count);
		assertThat(lastSeq(groupId)).isEqualTo(lastSeq);
		Api.Response history = api.as(owner).get("/api/v1/groups/" + groupId + "/messages");
		assertThat(history.json().path("messages").size()).isEqualTo((int) count);
	}

	@Test
	void readOverStompIsBroadcastAndLowersTheUnreadCount() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		long unreadAtJoin = unreadCount(member, groupId);
		long first = postText(owner, groupId, "one");
		postText(owner, groupId, "two");
		long third = postText(owner, groupId, "three");
		assertThat(unreadCount(member, groupId)).isEqualTo(unreadAtJoin + 3);
		try (StompTestClient ownerClient = StompTestClient.connect(port, TestTokens.token(owner));
				StompTestClient memberClient = StompTestClient.connect(port, TestTokens.token(member))) {
			StompTestClient.Subscription ownerTopic = ownerClient.subscribeAndAwait(topic(groupId));

			memberClient.sendAndAwait("/app/group." + groupId + ".read", Map.of("seq", first));

			JsonNode read = ownerTopic.next("read", WAIT);
			assertThat(read).isNotNull();
			assertThat(read.path("userId").asString()).isEqualTo(member);
			assertThat(read.path("seq").asLong()).isEqualTo(first);
			assertThat(unreadCount(member, groupId)).isEqualTo(2);

			memberClient.sendAndAwait("/app/group." + groupId + ".read", Map.of("seq", third));
			assertThat(ownerTopic.next("read", WAIT).path("seq").asLong()).isEqualTo(third);
			assertThat(unreadCount(member, groupId)).isZero();
		}
	}

	@Test
	void editsRecallsAndReactionsReachSubscribersAsEvents() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		long seq = postText(member, groupId, "first draft");
		String messages = "/api/v1/groups/" + groupId + "/messages/";
		try (StompTestClient ownerClient = StompTestClient.connect(port, TestTokens.token(owner))) {
			StompTestClient.Subscription topic = ownerClient.subscribeAndAwait(topic(groupId));

			assertThat(api.as(member).patch(messages + seq, Map.of("text", "final")).status()).isEqualTo(200);
			JsonNode edited = topic.next(WAIT);
			assertThat(edited.path("type").asString()).isEqualTo("message.edited");
			assertThat(edited.path("message").path("seq").asLong()).isEqualTo(seq);
			assertThat(edited.path("message").path("text").asString()).isEqualTo("final");

			assertThat(api.as(owner).put(messages + seq + "/reactions/%F0%9F%91%8D", null).status()).isEqualTo(200);
			JsonNode reaction = topic.next(WAIT);
			assertThat(reaction.path("type").asString()).isEqualTo("reaction.changed");
			assertThat(reaction.path("seq").asLong()).isEqualTo(seq);
			assertThat(reaction.path("emoji").asString()).isEqualTo("\uD83D\uDC4D");
			assertThat(reaction.path("count").asInt()).isEqualTo(1);

			assertThat(api.as(member).delete(messages + seq).status()).isEqualTo(200);
			JsonNode deleted = topic.next(WAIT);
			assertThat(deleted.path("type").asString()).isEqualTo("message.deleted");
			assertThat(deleted.path("message").path("seq").asLong()).isEqualTo(seq);
			assertThat(deleted.path("message").path("deleted").asBoolean()).isTrue();
			assertThat(deleted.path("message").path("text").isNull()).isTrue();
			assertThat(topic.next(QUIET)).isNull();
		}
	}

	// --- helpers

	/**
	 * Stores {@code count} messages in one statement, as {@link #post} would have (a
	 * thousand posts over HTTP take most of a test class's budget); answers the group's
	 * last seq.
	 */
	private long seedMessages(String groupId, String senderId, int count) {
		long last = lastSeq(groupId);
		jdbc.sql("""
				insert into message (group_id, seq, id, sender_id, client_msg_id, type, text, created_at)
				select ?::uuid, s, gen_random_uuid(), ?, 'seed-' || s, 'TEXT', 'bulk ' || s, now()
				  from generate_series(?::bigint, ?::bigint) s""")
			.params(groupId, senderId, last + 1, last + count)
			.update();
		jdbc.sql("update chat_group set last_seq = ? where id = ?::uuid").params(last + count, groupId).update();
		return last + count;
	}

	private long unreadCount(String userId, String groupId) {
		Api.Response list = api.as(userId).get("/api/v1/groups?limit=200");
		return StreamSupport.stream(list.json().path("items").spliterator(), false)
			.filter(g -> g.path("id").asString().equals(groupId))
			.findFirst()
			.orElseThrow()
			.path("unreadCount")
			.asLong();
	}

	private static Map<String, Object> text(String clientMsgId, String text) {
		return Map.of("clientMsgId", clientMsgId, "type", "TEXT", "text", text);
	}

	private static String topic(String groupId) {
		return "/topic/group." + groupId;
	}

	private static String send(String groupId) {
		return "/app/group." + groupId + ".send";
	}

	private long rowsWithClientMsgId(String groupId, String clientMsgId) {
		return jdbc.sql("select count(*) from message where group_id = ?::uuid and client_msg_id = ?")
			.params(groupId, clientMsgId)
			.query(Long.class)
			.single();
	}

	private long messageCount(String groupId) {
		return jdbc.sql("select count(*) from message where group_id = ?::uuid")
			.param(groupId)
			.query(Long.class)
			.single();
	}

	private long lastSeq(String groupId) {
		return jdbc.sql("select last_seq from chat_group where id = ?::uuid").param(groupId).query(Long.class).single();
	}

}
