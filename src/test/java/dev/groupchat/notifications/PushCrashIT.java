package dev.groupchat.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.PackagedService;
import dev.groupchat.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * {@code kill -9} of the packaged service while notifications are queued and while one
 * batch hangs inside the gateway, then a restart: every notification is delivered (the
 * gateway answers 200) exactly once, none is lost with the process. The outbox is rows in
 * PostgreSQL, claimed in transactions that the kill aborts, so the restarted service (or
 * any other node) finds them again.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PushCrashIT {

	private static final PushDeliveryTest.Gateway GATEWAY = new PushDeliveryTest.Gateway();

	@AfterAll
	static void stopGateway() {
		GATEWAY.server.stop(0);
	}

	@Test
	void queuedAndInFlightNotificationsAreDeliveredExactlyOnceAfterKillDashNine() throws Exception {
		Map<String, String> push = Map.of("GROUPCHAT_PUSH_GATEWAY_URL", GATEWAY.url(), "GROUPCHAT_PUSH_POLL_INTERVAL",
				"100ms", "GROUPCHAT_PUSH_INITIAL_BACKOFF", "200ms", "GROUPCHAT_PUSH_MAX_BACKOFF", "1s",
				"GROUPCHAT_PUSH_MAX_ATTEMPTS", "50", "GROUPCHAT_PUSH_SEND_BATCH", "5");
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String owner = "owner-" + suffix;
		List<String> keys = new ArrayList<>();
		List<String> sent = new ArrayList<>();
		String groupId;
		int port;
		GATEWAY.outage = 503;
		try (PackagedService service = PackagedService.start(push)) {
			port = service.port();
			Api api = new Api(port);
			Api.Response created = api.as(owner).post("/api/v1/groups", Map.of("name", "Crash", "kind", "CHAT"));
			assertThat(created.status()).as(created.raw()).isEqualTo(201);
			groupId = created.text("id");
			for (int i = 0; i < 4; i++) {
				String member = "fan" + i + "-" + suffix;
				assertThat(
						api.as(owner).post("/api/v1/groups/" + groupId + "/members", Map.of("userId", member)).status())
					.isEqualTo(201);
				String key = "pk-" + member;
				assertThat(api.as(member)
					.put("/api/v1/me/devices/phone", Map.of("platform", "GATEWAY", "token", key))
					.status()).isEqualTo(201);
				keys.add(key);
			}
			for (int i = 0; i < 5; i++) {
				Api.Response posted = api.as(owner)
					.post("/api/v1/groups/" + groupId + "/messages",
							Map.of("clientMsgId", "crash-" + i, "type", "TEXT", "text", "news " + i));
				assertThat(posted.status()).as(posted.raw()).isIn(200, 201);
				sent.add(posted.text("id"));
				// tried once before the next message: an untried push would take the next
				// one's place (collapse), a tried one stays
				awaitTriedRows(groupId, 4 * (i + 1));
			}
			awaitQueued(groupId, 20);
			awaitTried(keys);
			// the gateway now holds the next batch without answering: the kill comes
			// while
			// the worker's transaction waits for it
			CountDownLatch hang = new CountDownLatch(1);
			GATEWAY.hang = hang;
			long hanging = GATEWAY.requests.stream().filter(r -> r.answered() == 0).count();
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (GATEWAY.requests.stream().filter(r -> r.answered() == 0).count() == hanging
					&& System.nanoTime() < until) {
				Thread.sleep(50);
			}
			assertThat(GATEWAY.requests.stream().filter(r -> r.answered() == 0).count()).as("a request in flight")
				.isGreaterThan(hanging);

			service.kill9();
			GATEWAY.hang = null;
			hang.countDown();
		}
		assertThat(queued(groupId)).as("nothing delivered yet, nothing lost by the kill").isEqualTo(20);

		GATEWAY.outage = 0;
		try (PackagedService restarted = PackagedService.start(port, push)) {
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (queued(groupId) > 0 && System.nanoTime() < until) {
				Thread.sleep(100);
			}
			Thread.sleep(1000);
			for (String key : keys) {
				assertThat(GATEWAY.delivered(key)).extracting(p -> p.path("event_id").asString())
					.as("each message delivered once to " + key)
					.containsExactlyInAnyOrderElementsOf(sent);
			}
			assertThat(queued(groupId)).isZero();
		}
	}

	private static void awaitTried(List<String> keys) throws InterruptedException {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (keys.stream().anyMatch(k -> GATEWAY.received(k).isEmpty()) && System.nanoTime() < until) {
			Thread.sleep(100);
		}
		for (String key : keys) {
			List<JsonNode> tried = GATEWAY.received(key);
			assertThat(tried).as("tried during the outage").isNotEmpty();
			assertThat(GATEWAY.delivered(key)).isEmpty();
		}
	}

	private static void awaitTriedRows(String groupId, int count) throws Exception {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (count(groupId, "attempts > 0") < count && System.nanoTime() < until) {
			Thread.sleep(50);
		}
		assertThat(count(groupId, "attempts > 0")).as("deliveries tried during the outage").isEqualTo(count);
	}

	private static void awaitQueued(String groupId, int count) throws Exception {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (queued(groupId) < count && System.nanoTime() < until) {
			Thread.sleep(100);
		}
		assertThat(queued(groupId)).as("deliveries queued in the outbox").isEqualTo(count);
	}

	private static long queued(String groupId) throws Exception {
		return count(groupId, "true");
	}

	private static long count(String groupId, String condition) throws Exception {
		TestDatabase.Coordinates db = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
				PreparedStatement query = connection
					.prepareStatement("select count(*) from push_delivery where group_id = ? and status = 'QUEUED' and "
							+ condition)) {
			query.setObject(1, UUID.fromString(groupId));
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

}
