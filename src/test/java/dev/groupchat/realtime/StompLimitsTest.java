package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.RawStompSocket;
import dev.groupchat.support.RawWebSocket;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The limits on replays and reads, with small settings so that a test reaches them: one
 * replay at a time on the node, two replays per session, one read a second (a burst of
 * five).
 */
@TestPropertySource(properties = { "groupchat.realtime.replay-concurrency=1",
		"groupchat.realtime.replays-per-session=2", "groupchat.realtime.reads-per-second=1" })
class StompLimitsTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSessionThatSpentItsReplayBudgetGetsResyncRequiredInstead() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		long last = seed(groupId, owner, 5, 10);
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(owner))) {
			for (int i = 0; i < 2; i++) {
				StompTestClient.Subscription replayed = client.subscribeAndAwait(topic(groupId),
						Map.of("resume-after-seq", "0"));
				assertThat(replayed.collect("message.created", 5, WAIT)).hasSize(5);
			}
			StompTestClient.Subscription third = client.subscribeAndAwait(topic(groupId),
					Map.of("resume-after-seq", "0"));
			JsonNode first = third.next(WAIT);
			assertThat(first.path("type").asString()).isEqualTo("resync.required");
			assertThat(first.path("fromSeq").asLong()).isZero();
			assertThat(first.path("lastSeq").asLong()).isEqualTo(last);
			assertThat(third.next("message.created", Duration.ofSeconds(1))).as("no replay").isNull();
			assertThat(client.isConnected()).isTrue();
		}
	}

	@Test
	void whileTheNodesReplaySlotIsTakenAResumeGetsResyncRequiredAfterTheWait() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		long last = seed(groupId, owner, 1_000, 2_000);
		try (RawWebSocket stalled = RawWebSocket.open(port, 0);
				StompTestClient other = StompTestClient.connect(port, TestTokens.token(owner))) {
			stalled.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer "
					+ TestTokens.token(owner) + "\n\n\0");
			assertThat(stalled.nextText(Duration.ofSeconds(10))).startsWith("CONNECTED");
			// 2 MB of replay to a client that reads nothing: its replay holds the node's
			// only slot
			stalled.sendText("SUBSCRIBE\nid:t\ndestination:" + topic(groupId) + "\nresume-after-seq:0\n\n\0");
			Thread.sleep(1_000);

			long start = System.nanoTime();
			StompTestClient.Subscription resumed = other.subscribe(topic(groupId), Map.of("resume-after-seq", "0"));
			JsonNode first = resumed.next(WAIT);
			assertThat(first.path("type").asString()).isEqualTo("resync.required");
			assertThat(first.path("lastSeq").asLong()).isEqualTo(last);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("after waiting for a slot")
				.isGreaterThan(Duration.ofMillis(1_500));
		}
		Thread.sleep(7_000);
		try (StompTestClient later = StompTestClient.connect(port, TestTokens.token(owner))) {
			StompTestClient.Subscription resumed = later.subscribeAndAwait(topic(groupId),
					Map.of("resume-after-seq", Long.toString(last - 3)));
			assertThat(resumed.collect("message.created", 3, WAIT)).as("the slot was given back").hasSize(3);
		}
	}

	@Test
	void readsBeyondTheRateAreDroppedAndTheSessionStays() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		for (int i = 1; i <= 12; i++) {
			Api.Response posted = api.as(owner)
				.post("/api/v1/groups/" + groupId + "/messages",
						Map.of("clientMsgId", "m-" + i, "type", "TEXT", "text", "message " + i));
			assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
		}
		try (StompTestClient watcher = StompTestClient.connect(port, TestTokens.token(owner));
				RawStompSocket reader = RawStompSocket.connected(port, TestTokens.token(member))) {
			StompTestClient.Subscription topic = watcher.subscribeAndAwait(topic(groupId));
			StringBuilder reads = new StringBuilder();
			for (int seq = 1; seq <= 12; seq++) {
				reads.append("SEND\ndestination:/app/group.")
					.append(groupId)
					.append(".read\n\n{\"seq\":")
					.append(seq)
					.append("}\0");
			}
			reader.sendRaw(reads.toString());

			List<JsonNode> announced = topic.collect("read", 12, Duration.ofSeconds(3));
			assertThat(announced).as("a burst of five reads; the rest dropped").hasSizeBetween(5, 6);
			assertThat(reader.isOpen()).isTrue();
		}
	}

	private static String topic(String groupId) {
		return "/topic/group." + groupId;
	}

	private long seed(String groupId, String senderId, int count, int textLength) {
		jdbc.sql("""
				insert into message (group_id, seq, id, sender_id, client_msg_id, type, text, created_at)
				select ?::uuid, s, gen_random_uuid(), ?, 'seed-' || s, 'TEXT', repeat('x', ?), now()
				  from generate_series(1, ?) s""").params(groupId, senderId, textLength, count).update();
		jdbc.sql("update chat_group set last_seq = ? where id = ?::uuid").params(count, groupId).update();
		return count;
	}

}
