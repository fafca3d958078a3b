package dev.groupchat.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The metrics an operator's dashboard and alerts read, on a running service: sends over
 * REST and STOMP, refusals with their reasons, fan-out, the writer, connections and the
 * bus; the push meters are there with push off too.
 */
class MetricsTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void sendsOverRestAndStompShowUpWithTheirLatencyRefusalsAndFanout() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String muted = user("muted");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		addMember(groupId, owner, muted);
		Scrape before = scrape();
		try (StompTestClient watcher = StompTestClient.connect(port, TestTokens.token(owner));
				StompTestClient sender = StompTestClient.connect(port, TestTokens.token(member))) {
			StompTestClient.Subscription topic = watcher.subscribeAndAwait("/topic/group." + groupId);
			StompTestClient.Subscription acks = sender.subscribeAndAwait("/user/queue/acks");

			assertThat(post(owner, groupId, "rest-1").status()).isEqualTo(201);
			sender.sendAndAwait("/app/group." + groupId + ".send", text("stomp-1"));
			assertThat(acks.next(WAIT).path("status").asString()).isEqualTo("OK");
			sender.sendAndAwait("/app/group." + groupId + ".send", Map.of("clientMsgId", "bad", "type", "TEXT"));
			assertThat(acks.next(WAIT).path("status").asString()).isEqualTo("ERROR");
			assertThat(topic.collect("message.created", 2, WAIT)).hasSize(2);

			refuseOneOfEachKind(owner, muted, groupId);
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(scrape().sum("groupchat_realtime_disconnects_total", "reason", "client")
					- before.sum("groupchat_realtime_disconnects_total", "reason", "client"))
				.isGreaterThanOrEqualTo(2));
		Scrape after = scrape();

		assertThat(delta(before, after, "groupchat_messages_stored_total", "type", "text")).isGreaterThanOrEqualTo(2);
		assertThat(delta(before, after, "groupchat_send_ack_seconds_count", "transport", "rest"))
			.isGreaterThanOrEqualTo(1);
		assertThat(delta(before, after, "groupchat_send_ack_seconds_count", "transport", "stomp"))
			.isGreaterThanOrEqualTo(1);
		assertThat(after.sum("groupchat_send_ack_seconds_bucket", "transport", "stomp", "le", "0.1"))
			.as("an SLO bucket")
			.isGreaterThanOrEqualTo(0);
		assertThat(after.sum("groupchat_send_ack_seconds_bucket", "transport", "rest", "le", "+Inf"))
			.isEqualTo(after.sum("groupchat_send_ack_seconds_count", "transport", "rest"));
		for (String reason : List.of("unauthorized", "forbidden", "muted", "slow_mode", "validation")) {
			assertThat(delta(before, after, "groupchat_sends_refused_total", "reason", reason)).as(reason)
				.isGreaterThanOrEqualTo(1);
		}
		for (String reason : List.of("rate_limit", "filter", "busy")) {
			assertThat(after.sum("groupchat_sends_refused_total", "reason", reason)).as(reason).isNotNegative();
		}
		assertThat(delta(before, after, "groupchat_fanout_seconds_count")).isGreaterThanOrEqualTo(2);
		assertThat(after.has("groupchat_fanout_seconds_bucket")).isTrue();
		assertThat(delta(before, after, "groupchat_deliveries_total")).isGreaterThanOrEqualTo(2);
		assertThat(after.sum("groupchat_writer_queue_depth")).isBetween(0.0, 100.0);
		assertThat(delta(before, after, "groupchat_writer_batch_size_count")).isGreaterThanOrEqualTo(1);
		assertThat(after.has("groupchat_writer_batch_size_bucket")).isTrue();
		assertThat(after.sum("groupchat_writer_batch_failures_total")).isNotNegative();
		assertThat(delta(before, after, "groupchat_realtime_connects_total")).isGreaterThanOrEqualTo(2);
		assertThat(delta(before, after, "groupchat_realtime_frames_sent_total")).isGreaterThanOrEqualTo(4);
		assertThat(after.sum("groupchat_realtime_frames_dropped_total")).isNotNegative();
		assertThat(after.sum("groupchat_bus_connected")).isEqualTo(1.0);
		assertThat(delta(before, after, "groupchat_bus_published_total")).isGreaterThanOrEqualTo(2);
		assertThat(delta(before, after, "groupchat_bus_received_total")).isGreaterThanOrEqualTo(2);
		for (String name : List.of("groupchat_realtime_gap_fills_total", "groupchat_realtime_resync_required_total",
				"groupchat_realtime_resume_replay_size_count", "groupchat_bus_publish_failures_total",
				"groupchat_bus_lag_seconds_count", "groupchat_push_sent_total", "groupchat_push_devices_rejected_total",
				"groupchat_push_queued", "groupchat_push_outbox_oldest_age_seconds")) {
			assertThat(after.sum(name)).as(name).isNotNegative();
		}
		for (String cache : List.of("standings", "validated_tokens", "user_profiles", "rate_limit_users",
				"rate_limit_groups", "rate_limit_newcomers", "keyword_filters", "poll_updates")) {
			assertThat(after.sum("cache_size", "cache", cache)).as(cache).isNotNegative();
			assertThat(after.sum("cache_gets_total", "cache", cache)).as(cache + " records stats").isNotNegative();
		}
		assertThat(after.sum("cache_gets_total", "cache", "validated_tokens", "result", "hit")).isPositive();
		assertThat(delta(before, after, "groupchat_bus_lag_seconds_count")).as("no other node, no lag").isZero();
		assertThat(after.has("groupchat_bus_lag_seconds_bucket")).isTrue();
	}

	@Test
	void aResumeIsCountedWithTheNumberOfMessagesItReplayed() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		for (int i = 0; i < 3; i++) {
			assertThat(post(owner, groupId, "m-" + i).status()).isEqualTo(201);
		}
		Scrape before = scrape();
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(owner))) {
			StompTestClient.Subscription topic = client.subscribeAndAwait("/topic/group." + groupId,
					Map.of("resume-after-seq", "0"));
			List<JsonNode> replayed = topic.collect("message.created", 3, WAIT);
			assertThat(replayed).hasSize(3);
		}
		Scrape after = scrape();
		assertThat(delta(before, after, "groupchat_realtime_resume_replay_size_count")).isEqualTo(1);
		assertThat(delta(before, after, "groupchat_realtime_resume_replay_size_sum")).isEqualTo(3);
	}

	private void refuseOneOfEachKind(String owner, String muted, String groupId) {
		assertThat(api.anonymous().post("/api/v1/groups/" + groupId + "/messages", text("anon")).status())
			.isEqualTo(401);
		assertThat(post(user("stranger"), groupId, "not-a-member").status()).isIn(403, 404);
		assertThat(api.as(owner).post("/api/v1/groups/" + groupId + "/messages", Map.of("type", "TEXT")).status())
			.isEqualTo(400);
		Api.Response mute = api.as(owner)
			.patch("/api/v1/groups/" + groupId + "/members/" + muted,
					Map.of("mutedUntil", Instant.now().plusSeconds(3600).toString()));
		assertThat(mute.status()).as(mute.raw()).isEqualTo(200);
		assertThat(post(muted, groupId, "while-muted").status()).isEqualTo(403);
		configure(groupId, owner, Map.of("slowModeSeconds", 60));
		String talker = user("talker");
		addMember(groupId, owner, talker);
		assertThat(post(talker, groupId, "first").status()).isEqualTo(201);
		assertThat(post(talker, groupId, "second").status()).isEqualTo(429);
	}

	private Api.Response post(String userId, String groupId, String clientMsgId) {
		return api.as(userId).post("/api/v1/groups/" + groupId + "/messages", text(clientMsgId));
	}

	private static Map<String, Object> text(String clientMsgId) {
		return Map.of("clientMsgId", clientMsgId, "type", "TEXT", "text", "hello " + clientMsgId);
	}

	private Scrape scrape() {
		Api.Response response = api.as(user("ops"), Map.of("roles", List.of("ops"))).get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		return new Scrape(response.raw());
	}

	private static double delta(Scrape before, Scrape after, String name, String... labels) {
		return after.sum(name, labels) - before.sum(name, labels);
	}

}
