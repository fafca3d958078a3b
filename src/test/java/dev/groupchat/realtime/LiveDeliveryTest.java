package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class LiveDeliveryTest extends EndToEndTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void fiveConcurrentSendersOfAHundredMessagesAreSeenByEverySubscriberInSeqOrderExactlyOnce() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		List<String> senders = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String sender = user("sender");
			addMember(groupId, owner, sender);
			senders.add(sender);
		}
		long before = lastSeq(groupId);
		String topic = "/topic/group." + groupId;
		try (StompTestClient watcherA = StompTestClient.connect(port, TestTokens.token(owner));
				StompTestClient watcherB = StompTestClient.connect(port, TestTokens.token(senders.get(0)))) {
			StompTestClient.Subscription a = watcherA.subscribe(topic);
			StompTestClient.Subscription b = watcherB.subscribe(topic);
			Thread.sleep(300); // SUBSCRIBE has no receipt wait here: give the server a
								// moment to register both

			List<StompTestClient> clients = new ArrayList<>();
			List<StompTestClient.Subscription> acks = new ArrayList<>();
			for (String sender : senders) {
				StompTestClient client = StompTestClient.connect(port, TestTokens.token(sender));
				acks.add(client.subscribe("/user/queue/acks"));
				clients.add(client);
			}
			Thread.sleep(200);
			CountDownLatch start = new CountDownLatch(1);
			try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
				List<Future<?>> sends = new ArrayList<>();
				for (int s = 0; s < 5; s++) {
					StompTestClient client = clients.get(s);
					int senderNo = s;
					sends.add(pool.submit(() -> {
						start.await();
						for (int i = 0; i < 100; i++) {
							client.send("/app/group." + groupId + ".send", Map.of("clientMsgId",
									"s" + senderNo + "-" + i, "type", "TEXT", "text", "hello " + i));
						}
						return null;
					}));
				}
				start.countDown();
				for (Future<?> send : sends) {
					send.get();
				}
			}
			for (StompTestClient.Subscription ack : acks) {
				List<JsonNode> received = ack.collectAny(100, Duration.ofSeconds(30));
				assertThat(received).hasSize(100)
					.allSatisfy(ok -> assertThat(ok.path("status").asString()).isEqualTo("OK"));
				assertThat(received.stream().map(ok -> ok.path("clientMsgId").asString()).distinct()).hasSize(100);
			}
			for (StompTestClient.Subscription watcher : List.of(a, b)) {
				List<JsonNode> created = watcher.collect("message.created", 500, Duration.ofSeconds(30));
				List<Long> seqs = created.stream().map(e -> e.path("seq").asLong()).toList();
				List<Long> expected = new ArrayList<>();
				for (long seq = before + 1; seq <= before + 500; seq++) {
					expected.add(seq);
				}
				assertThat(seqs).containsExactlyElementsOf(expected);
				assertThat(watcher.next("message.created", Duration.ofMillis(300))).isNull();
			}
			clients.forEach(StompTestClient::close);
		}
		assertThat(jdbc.sql("select count(*) from message where group_id = ?::uuid and type = 'TEXT'")
			.param(groupId)
			.query(Long.class)
			.single()).isEqualTo(500);
		assertThat(lastSeq(groupId)).isEqualTo(before + 500);
	}

	private long lastSeq(String groupId) {
		return jdbc.sql("select last_seq from chat_group where id = ?::uuid").param(groupId).query(Long.class).single();
	}

}
