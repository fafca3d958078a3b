package dev.groupchat.notifications;

import dev.groupchat.support.EndToEndTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The push tests share one application context with both providers on loopback: a Matrix
 * push gateway and FCM. One context matters: every context's workers claim outbox rows
 * from the one database, and a node expands only the devices of the providers it has, so
 * a second context configured otherwise would take some of these tests' messages and
 * leave their devices unnotified.
 */
public abstract class PushEndToEndTest extends EndToEndTest {

	static final PushDeliveryTest.Gateway GATEWAY = new PushDeliveryTest.Gateway();

	static final FcmServer FCM = new FcmServer();

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
		registry.add("groupchat.push.poll-interval", () -> "100ms");
		registry.add("groupchat.push.initial-backoff", () -> "200ms");
	}

}
