package dev.groupchat.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pushes to APNS devices through APNs' HTTP/2 API: an embedded Tomcat on loopback plays
 * APNs over TLS with HTTP/2, and the provider token is signed with a {@code .p8} key made
 * for the run.
 */
class ApnsPushTest extends PushEndToEndTest {

	@Test
	void anOfflineMembersIphoneGetsOneHttp2PostPerMessageWithOneProviderToken() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String bobToken = register(bob, "iphone");
		String aliceToken = register(alice, "iphone");
		String long150 = "y".repeat(150);

		// one at a time, each after the last went out (an untried push takes a newer
		// message's place)
		List<String> sent = new ArrayList<>();
		for (String text : List.of("one", "two", long150)) {
			sent.add(sendText(alice, group, text));
			awaitItems(() -> APNS.delivered(bobToken), sent.size());
		}

		Thread.sleep(1500);
		List<ApnsServer.Send> sends = APNS.sends(bobToken);
		assertThat(sends).as("exactly one POST per message").hasSize(3);
		long unread = api.as(bob).get("/api/v1/groups").json().path("items").get(0).path("unreadCount").asLong();
		String key = "group-" + group;
		for (ApnsServer.Send s : sends) {
			assertThat(s.method()).isEqualTo("POST");
			assertThat(s.path()).isEqualTo("/3/device/" + bobToken);
			assertThat(s.protocol()).as("over HTTP/2").isEqualTo("HTTP/2.0");
			assertThat(s.headers()).containsEntry("apns-topic", ApnsServer.TOPIC)
				.containsEntry("apns-push-type", "alert")
				.containsEntry("apns-priority", "10")
				.containsEntry("apns-collapse-id", key);
			assertThat(key.getBytes()).as("Apple's collapse id limit").hasSizeLessThanOrEqualTo(64);
			long expiration = Long.parseLong(s.headers().get("apns-expiration"));
			assertThat(expiration - s.at().getEpochSecond()).isBetween(Duration.ofDays(1).toSeconds() - 60,
					Duration.ofDays(1).toSeconds() + 5);
			assertThat(s.headers().get("authorization")).startsWith("bearer ");
			JsonNode aps = s.payload().path("aps");
			assertThat(aps.path("alert").path("title").asString()).isEqualTo("Group of " + alice);
			assertThat(aps.path("badge").asLong()).isBetween(1L, unread);
			assertThat(aps.path("thread-id").asString()).isEqualTo(key);
			assertThat(aps.path("sound").asString()).isEqualTo("default");
			assertThat(s.payload().path("groupId").asString()).isEqualTo(group);
			assertThat(s.payload().path("seq").asLong()).isPositive();
		}
		assertThat(sends).extracting(s -> s.payload().path("aps").path("badge").asLong()).contains(unread);
		assertThat(sends).extracting(s -> s.payload().path("messageId").asString())
			.containsExactlyInAnyOrderElementsOf(sent);
		assertThat(sends).extracting(ApnsServer.Send::jwt)
			.as("one provider token for all sends")
			.containsOnly(sends.getFirst().jwt());
		Map<String, String> bodies = new HashMap<>();
		sends.forEach(s -> bodies.put(s.payload().path("messageId").asString(),
				s.payload().path("aps").path("alert").path("body").asString()));
		assertThat(bodies.get(sent.get(0))).endsWith(": one").doesNotStartWith(":");
		assertThat(bodies.get(sent.get(2))).as("the preview is cut to preview-length")
			.endsWith(": " + "y".repeat(100) + "…");
		assertThat(APNS.sends(aliceToken)).as("alice sent them").isEmpty();
	}

	@Test
	void theProviderTokenIsAnEs256JwtOfTheTeamSignedWithTheP8Key() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String bobToken = register(bob, "iphone");
		sendText(alice, group, "hello");
		awaitItems(() -> APNS.delivered(bobToken), 1);

		SignedJWT jwt = SignedJWT.parse(APNS.sends(bobToken).getFirst().jwt());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(ApnsServer.KEY_ID);
		assertThat(jwt.verify(new ECDSAVerifier(APNS.publicKey()))).as("signed with the .p8 key").isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(ApnsServer.TEAM_ID);
		assertThat(claims.getIssueTime().toInstant()).isBetween(Instant.now().minus(Duration.ofMinutes(50)),
				Instant.now().plusSeconds(1));
	}

	@Test
	void unregisteredRemovesTheDevice() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String bobToken = register(bob, "iphone");
		APNS.script(bobToken, ApnsServer.unregistered(), ApnsServer.unregistered());

		sendText(alice, group, "are you there?");
		awaitItems(() -> APNS.sends(bobToken), 1);
		Thread.sleep(500);

		assertThat(api.as(bob).get("/api/v1/me/devices").json().path("items")).isEmpty();
		sendText(alice, group, "still there?");
		Thread.sleep(1500);
		assertThat(APNS.sends(bobToken)).extracting(ApnsServer.Send::answered).containsExactly(410);
	}

	@Test
	void aBadDeviceTokenRemovesTheDeviceAndAnotherRefusalIsNotRetried() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String carol = user("carol");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		addMember(group, alice, carol);
		String bobToken = register(bob, "iphone");
		String carolToken = register(carol, "iphone");
		APNS.script(bobToken, new ApnsServer.Answer(400, "BadDeviceToken", null));
		APNS.script(carolToken, new ApnsServer.Answer(413, "PayloadTooLarge", null),
				new ApnsServer.Answer(413, "PayloadTooLarge", null));

		sendText(alice, group, "hi both");
		awaitItems(() -> APNS.sends(bobToken), 1);
		awaitItems(() -> APNS.sends(carolToken), 1);
		Thread.sleep(1500);

		assertThat(api.as(bob).get("/api/v1/me/devices").json().path("items")).isEmpty();
		assertThat(APNS.sends(carolToken)).extracting(ApnsServer.Send::answered).containsExactly(413);
		assertThat(api.as(carol).get("/api/v1/me/devices").json().path("items")).hasSize(1);
	}

	@Test
	void unavailableWithRetryAfterThenSuccessDeliversExactlyOnce() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String bobToken = register(bob, "iphone");
		APNS.script(bobToken, ApnsServer.unavailable("1"));

		String message = sendText(alice, group, "retry me");

		awaitItems(() -> APNS.delivered(bobToken), 1);
		Thread.sleep(1500);
		List<ApnsServer.Send> attempts = APNS.sends(bobToken);
		assertThat(attempts).extracting(ApnsServer.Send::answered).containsExactly(503, 200);
		assertThat(attempts).allSatisfy(s -> assertThat(s.payload().path("messageId").asString()).isEqualTo(message));
		assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
			.as("not before Retry-After (initial backoff is 200ms)")
			.isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void anExpiredProviderTokenIsRenewedAtOnceAndTheMessageStillArrives() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String bobToken = register(bob, "iphone");
		sendText(alice, group, "first");
		awaitItems(() -> APNS.delivered(bobToken), 1);
		String old = APNS.sends(bobToken).getFirst().jwt();
		APNS.revoked.add(old);

		String second = sendText(alice, group, "second");

		awaitItems(() -> APNS.delivered(bobToken), 2);
		Thread.sleep(500);
		List<ApnsServer.Send> attempts = APNS.sends(bobToken);
		assertThat(attempts).extracting(ApnsServer.Send::answered).containsExactly(200, 403, 200);
		assertThat(attempts.get(2).payload().path("messageId").asString()).isEqualTo(second);
		assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).as("renewed at once, not later")
			.isLessThan(Duration.ofMillis(150));
		JWTClaimsSet before = SignedJWT.parse(old).getJWTClaimsSet();
		SignedJWT renewed = SignedJWT.parse(attempts.get(2).jwt());
		assertThat(renewed.verify(new ECDSAVerifier(APNS.publicKey()))).isTrue();
		assertThat(renewed.getJWTClaimsSet().getJWTID()).isNotEqualTo(before.getJWTID());
		assertThat(renewed.getJWTClaimsSet().getIssueTime()).isAfterOrEqualTo(before.getIssueTime());
	}

	private String register(String userId, String deviceId) {
		String token = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
		return registerDevice(userId, deviceId, "APNS", token);
	}

}
