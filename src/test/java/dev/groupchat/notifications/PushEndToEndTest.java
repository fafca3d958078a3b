package dev.groupchat.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The push tests share one application context with all providers on loopback: a Matrix
 * push gateway, FCM and APNs. One context matters: every context's workers claim outbox
 * rows from the one database, and a node expands only the devices of the providers it
 * has, so a second context configured otherwise would take some of these tests' messages
 * and leave their devices unnotified.
 */
public abstract class PushEndToEndTest extends EndToEndTest {

	static final PushDeliveryTest.Gateway GATEWAY = new PushDeliveryTest.Gateway();

	static final FcmServer FCM = new FcmServer();

	static final ApnsServer APNS = new ApnsServer();

	/** Registers a device of {@code platform} with {@code token}; answers the token. */
	protected String registerDevice(String userId, String deviceId, String platform, String token) {
		Api.Response put = api.as(userId)
			.put("/api/v1/me/devices/" + deviceId, Map.of("platform", platform, "token", token));
		assertThat(put.status()).as(put.raw()).isEqualTo(201);
		return token;
	}

	/**
	 * Posts a TEXT message over REST; answers its id (what a push names as the event).
	 */
	protected String sendText(String userId, String groupId, String text) {
		Api.Response sent = api.as(userId)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", "c-" + System.nanoTime(), "type", "TEXT", "text", text));
		assertThat(sent.status()).as(sent.raw()).isIn(200, 201);
		return sent.text("id");
	}

	/** Waits up to 20 s until {@code found} holds {@code count} items; answers them. */
	protected static <T> List<T> awaitItems(Supplier<List<T>> found, int count) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (found.get().size() < count && System.nanoTime() < end) {
			Thread.sleep(50);
		}
		assertThat(found.get()).hasSizeGreaterThanOrEqualTo(count);
		return found.get();
	}

	/**
	 * The gateway answers every push to {@code pushkey} with 400: each delivery to it
	 * fails for good at once (for tests of the failure metrics).
	 */
	protected static void refuseForGood(String pushkey) {
		GATEWAY.script(pushkey, 400, 400, 400, 400, 400, 400, 400, 400);
	}

	@DynamicPropertySource
	static void push(DynamicPropertyRegistry registry) {
		registry.add("groupchat.push.gateway-url", GATEWAY::url);
		registry.add("groupchat.push.fcm.credentials", FCM::credentials);
		registry.add("groupchat.push.fcm.url", FCM::url);
		registry.add("groupchat.push.apns.key", APNS.key::toString);
		registry.add("groupchat.push.apns.key-id", () -> ApnsServer.KEY_ID);
		registry.add("groupchat.push.apns.team-id", () -> ApnsServer.TEAM_ID);
		registry.add("groupchat.push.apns.topic", () -> ApnsServer.TOPIC);
		registry.add("groupchat.push.apns.url", APNS::url);
		registry.add("groupchat.push.apns.trust-store", APNS.trustStore::toString);
		registry.add("groupchat.push.apns.trust-store-password", () -> ApnsServer.PASSWORD);
		registry.add("groupchat.push.poll-interval", () -> "100ms");
		registry.add("groupchat.push.initial-backoff", () -> "200ms");
	}

}
