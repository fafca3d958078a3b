package dev.groupchat.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.groupchat.realtime.Presence;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Pushes to FCM devices through FCM HTTP v1: a loopback server plays Google's token
 * endpoint and FCM, with a service account of a key made for the run. The gateway is
 * configured too, so that both providers serve one group.
 */
class FcmPushTest extends PushEndToEndTest {

	@Autowired
	ApplicationContext context;

	@Test
	void anOfflineMembersPhoneGetsOneFcmMessagePerMessageWithOneAccessToken() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String carol = user("carol");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		addMember(group, alice, carol);
		String bobToken = register(bob, "phone", "FCM");
		String carolKey = register(carol, "tablet", "GATEWAY");
		String aliceToken = register(alice, "phone", "FCM");
		int tokenRequestsBefore = FCM.tokenRequests.size();
		String long150 = "x".repeat(150);

		// one at a time, each after the last went out: a message that comes while the
		// previous push still waits takes its place (PushDeliveryTest's collapse test)
		List<String> sent = new ArrayList<>();
		List<JsonNode> pushes = List.of();
		for (String text : List.of("one", "two", "three", long150)) {
			sent.add(sendText(alice, group, text));
			pushes = awaitItems(() -> FCM.delivered(bobToken), sent.size());
		}
		Thread.sleep(1500);
		assertThat(FCM.sends(bobToken)).as("exactly one messages:send per message").hasSize(4);
		assertThat(FCM.sends(bobToken)).allSatisfy(s -> {
			assertThat(s.path()).isEqualTo("/v1/projects/" + FcmServer.PROJECT + "/messages:send");
			assertThat(s.authorization()).startsWith("Bearer ya29.test-");
		});
		assertThat(FCM.sends(bobToken)).extracting(FcmServer.Send::authorization)
			.as("one access token for all sends")
			.containsOnly(FCM.sends(bobToken).getFirst().authorization());
		assertThat(FCM.tokenRequests.size() - tokenRequestsBefore).as("the access token is cached")
			.isLessThanOrEqualTo(1);
		assertThat(pushes).extracting(p -> p.path("data").path("messageId").asString())
			.containsExactlyInAnyOrderElementsOf(sent);
		long unread = api.as(bob).get("/api/v1/groups").json().path("items").get(0).path("unreadCount").asLong();
		String key = "group-" + group;
		for (JsonNode push : pushes) {
			assertThat(push.path("notification").path("title").asString()).isEqualTo("Group of " + alice);
			JsonNode data = push.path("data");
			assertThat(data.path("groupId").asString()).isEqualTo(group);
			assertThat(data.path("seq").isString()).as("data values are strings").isTrue();
			assertThat(data.path("unread").isString()).isTrue();
			long badge = Long.parseLong(data.path("unread").asString());
			assertThat(badge).isBetween(1L, unread);
			assertThat(push.path("android").path("collapse_key").asString()).isEqualTo(key);
			assertThat(push.path("android").path("notification").path("tag").asString()).isEqualTo(key);
			assertThat(push.path("android").path("notification").path("notification_count").asLong()).isEqualTo(badge);
			assertThat(push.path("apns").path("headers").path("apns-collapse-id").asString()).isEqualTo(key);
			assertThat(push.path("apns").path("payload").path("aps").path("badge").asLong()).isEqualTo(badge);
			assertThat(push.path("apns").path("payload").path("aps").path("thread-id").asString()).isEqualTo(key);
		}
		assertThat(pushes).extracting(p -> p.path("data").path("unread").asString()).contains(Long.toString(unread));
		Map<String, String> bodies = new HashMap<>();
		pushes.forEach(p -> bodies.put(p.path("data").path("messageId").asString(),
				p.path("notification").path("body").asString()));
		assertThat(bodies.get(sent.get(0))).endsWith(": one").doesNotStartWith(":");
		assertThat(bodies.get(sent.get(3))).as("the preview is cut to preview-length")
			.endsWith(": " + "x".repeat(100) + "…");
		awaitItems(() -> GATEWAY.received(carolKey), 4);
		assertThat(GATEWAY.received(carolKey)).as("carol's GATEWAY device still goes to the gateway")
			.extracting(p -> p.path("event_id").asString())
			.containsExactlyInAnyOrderElementsOf(sent);
		assertThat(FCM.sends("pk-" + carol)).isEmpty();
		assertThat(FCM.sends(aliceToken)).as("alice sent them").isEmpty();
	}

	@Test
	void theAccessTokenComesFromAJwtBearerGrantSignedWithTheServiceAccountsKey() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String bobToken = register(bob, "phone", "FCM");
		sendText(alice, group, "hello");
		awaitItems(() -> FCM.delivered(bobToken), 1);

		assertThat(FCM.tokenRequests).isNotEmpty().allSatisfy(request -> {
			assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
			assertThat(request.form()).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
			SignedJWT jwt = SignedJWT.parse(request.form().get("assertion"));
			assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
			assertThat(jwt.getHeader().getKeyID()).isEqualTo(FcmServer.KEY_ID);
			assertThat(jwt.verify(new RSASSAVerifier(FCM.publicKey()))).as("signed with the account's key").isTrue();
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			assertThat(claims.getIssuer()).isEqualTo(FcmServer.CLIENT_EMAIL);
			assertThat(claims.getAudience()).containsExactly(FCM.url() + "/token");
			assertThat(claims.getStringClaim("scope")).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
			assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
				.isEqualTo(Duration.ofHours(1));
		});
		String bearer = FCM.sends(bobToken).getFirst().authorization();
		assertThat(bearer).isEqualTo("Bearer ya29.test-" + FCM.tokenRequests.size());
	}

	@Test
	void anUnregisteredTokenRemovesTheDevice() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String bobToken = register(bob, "phone", "FCM");
		FCM.script(bobToken, FcmServer.unregistered(), FcmServer.unregistered());

		sendText(alice, group, "are you there?");
		awaitItems(() -> FCM.sends(bobToken), 1);
		Thread.sleep(500);

		assertThat(api.as(bob).get("/api/v1/me/devices").json().path("items")).isEmpty();
		sendText(alice, group, "still there?");
		Thread.sleep(1500);
		assertThat(FCM.sends(bobToken)).hasSize(1);
	}

	@Test
	void unavailableWithRetryAfterThenSuccessDeliversExactlyOnce() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String bobToken = register(bob, "phone", "FCM");
		FCM.script(bobToken, FcmServer.unavailable("1"));

		String message = sendText(alice, group, "retry me");

		awaitItems(() -> FCM.delivered(bobToken), 1);
		Thread.sleep(1500);
		List<FcmServer.Send> attempts = FCM.sends(bobToken);
		assertThat(attempts).extracting(FcmServer.Send::answered).containsExactly(503, 200);
		assertThat(attempts)
			.allSatisfy(s -> assertThat(s.message().path("data").path("messageId").asString()).isEqualTo(message));
		assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
			.as("not before Retry-After (initial backoff is 200ms)")
			.isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void aRefusedAccessTokenIsRenewedOnceAndTheMessageStillArrives() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String bobToken = register(bob, "phone", "FCM");
		sendText(alice, group, "first");
		awaitItems(() -> FCM.delivered(bobToken), 1);
		String old = FCM.sends(bobToken).getFirst().authorization();
		FCM.revoked.add(old.substring("Bearer ".length()));
		int tokenRequestsBefore = FCM.tokenRequests.size();

		sendText(alice, group, "second");

		awaitItems(() -> FCM.delivered(bobToken), 2);
		Thread.sleep(500);
		List<FcmServer.Send> attempts = FCM.sends(bobToken);
		assertThat(attempts).extracting(FcmServer.Send::answered).containsExactly(200, 401, 200);
		assertThat(attempts.get(2).authorization()).isNotEqualTo(old);
		assertThat(FCM.tokenRequests.size() - tokenRequestsBefore).isEqualTo(1);
	}

	@Test
	void anInvalidArgumentIsNotRetried() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String bobToken = register(bob, "phone", "FCM");
		FCM.script(bobToken, FcmServer.invalidArgument(), FcmServer.invalidArgument());

		sendText(alice, group, "bad");
		awaitItems(() -> FCM.sends(bobToken), 1);
		Thread.sleep(1500);

		assertThat(FCM.sends(bobToken)).extracting(FcmServer.Send::answered).containsExactly(400);
		assertThat(api.as(bob).get("/api/v1/me/devices").json().path("items")).hasSize(1);
	}

	@Test
	void aNodeWithoutFcmLeavesFcmDeliveriesToTheNodesThatHaveIt() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String bobToken = register(bob, "phone", "FCM");
		FCM.script(bobToken, FcmServer.unavailable("3"));
		sendText(alice, group, "wait for it");
		awaitItems(() -> FCM.sends(bobToken), 1);
		PushSender other = new PushSender(context.getBean(JdbcClient.class), context.getBean(GatewayClient.class),
				context.getBean(FcmClient.class), context.getBean(ApnsClient.class), context.getBean(DeviceStore.class),
				gatewayOnly(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)),
				context.getBean(PushMetrics.class), new PushThrottle(gatewayOnly()));

		other.step();

		assertThat(FCM.sends(bobToken)).as("the gateway-only node did not claim bob's due FCM delivery").hasSize(1);
		awaitItems(() -> FCM.delivered(bobToken), 1);
		assertThat(FCM.sends(bobToken)).extracting(FcmServer.Send::answered).containsExactly(503, 200);
	}

	@Test
	void aNodeWithoutFcmQueuesNoFcmDeliveriesAndStillServesTheGateway() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String carol = user("carol");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		addMember(group, alice, carol);
		String bobToken = register(bob, "phone", "FCM");
		String carolKey = register(carol, "phone", "GATEWAY");
		PushWorker worker = context.getBean(PushWorker.class);
		OutboxExpander gatewayOnly = new OutboxExpander(context.getBean(JdbcClient.class),
				context.getBean(Presence.class), gatewayOnly(), Clock.systemUTC());
		String message;
		worker.stop();
		try {
			message = sendText(alice, group, "expanded by a node without FCM");
			while (gatewayOnly.step() > 0) {
				// until the outbox is empty
			}
		}
		finally {
			worker.start();
		}

		awaitItems(() -> GATEWAY.received(carolKey), 1);
		Thread.sleep(1000);
		assertThat(GATEWAY.received(carolKey)).extracting(p -> p.path("event_id").asString()).containsExactly(message);
		assertThat(FCM.sends(bobToken)).as("no FCM delivery was queued by a node that cannot send it").isEmpty();
	}

	/** This context's push settings with the gateway only. */
	private PushProperties gatewayOnly() {
		PushProperties here = context.getBean(PushProperties.class);
		return new PushProperties(here.gatewayUrl(), new PushProperties.Fcm(null, null, here.fcm().url(), 0),
				new PushProperties.Apns(null, null, null, null, here.apns().url(), 0, null, null), here.appId(),
				here.maxDevicesPerUser(), here.pollInterval(), here.expandBatch(), here.expandRows(), 10_000,
				here.concurrency(), here.maxAttempts(), here.initialBackoff(), here.maxBackoff(), here.requestTimeout(),
				here.previewLength(), here.gatewayPerSecond(), here.busyShare());
	}

	private static String tokenOf(String userId) {
		return "fcm-" + userId;
	}

	private String register(String userId, String deviceId, String platform) {
		String token = platform.equals("FCM") ? tokenOf(userId) : "pk-" + userId;
		return registerDevice(userId, deviceId, platform, token);
	}

}
