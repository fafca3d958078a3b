package dev.groupchat.notifications;

import dev.groupchat.support.EndToEndTest;
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
