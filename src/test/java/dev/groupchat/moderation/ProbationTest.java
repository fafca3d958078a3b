package dev.groupchat.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.ops.Scrape;
import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Members who came in by themselves are on probation for a (here short) while: no links,
 * no media, a slower rate; never OWNER, ADMIN or members added by someone.
 */
@TestPropertySource(properties = { "groupchat.groups.probation=PT3S", "groupchat.rate-limit.enabled=true",
		"groupchat.rate-limit.user-per-second=100", "groupchat.rate-limit.user-burst=100",
		"groupchat.rate-limit.probation-per-minute=1", "groupchat.rate-limit.probation-burst=3" })
class ProbationTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final String PROBATION = ProblemType.PROBATION.type().toString();

	@Test
	void aNewcomerMayNotPostLinksOrMediaOverRestUntilProbationEnds() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		String newcomer = joinWithInvite(owner, groupId);

		for (String text : new String[] { "see https://spam.example/x", "go to www.spam.test now",
				"cheap at spam-shop.com!", "заходи на пример.рф" }) {
			Api.Response refused = send(newcomer, groupId, Map.of("type", "TEXT", "text", text));
			assertThat(refused.status()).as(text + ": " + refused.raw()).isEqualTo(403);
			assertThat(refused.text("type")).isEqualTo(PROBATION);
			assertThat(refused.json().path("remainingSeconds").asLong()).isBetween(1L, 3L);
		}
		Api.Response image = send(newcomer, groupId, Map.of("type", "IMAGE", "mediaUrl", "https://cdn.example/a.png"));
		assertThat(image.status()).as(image.raw()).isEqualTo(403);
		assertThat(image.text("type")).isEqualTo(PROBATION);
		Api.Response video = send(newcomer, groupId, Map.of("type", "VIDEO_SHARE", "video", Map.of("videoId", "v1")));
		assertThat(video.status()).as(video.raw()).isEqualTo(403);
		Api.Response plain = send(newcomer, groupId, Map.of("type", "TEXT", "text", "hello, e.g. 3.14 and end.Next"));
		assertThat(plain.status()).as("text without links passes: " + plain.raw()).isEqualTo(201);

		Instant until = Instant.parse(image.text("probationUntil"));
		clock.advancePast(until, Duration.ofMillis(200));
		Api.Response later = send(newcomer, groupId, Map.of("type", "TEXT", "text", "see https://fine.example"));
		assertThat(later.status()).as("probation is over: " + later.raw()).isEqualTo(201);
		assertThat(send(newcomer, groupId, Map.of("type", "IMAGE", "mediaUrl", "https://cdn.example/b.png")).status())
			.isEqualTo(201);
	}

	@Test
	void aNewcomersLinkOverStompIsAnErrorAckAndNothingIsStored() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		String newcomer = joinWithInvite(owner, groupId);
		double refusedBefore = refusedForProbation();
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(newcomer))) {
			StompTestClient.Subscription acks = client.subscribeAndAwait("/user/queue/acks");
			client.send("/app/group." + groupId + ".send",
					Map.of("clientMsgId", "s1", "type", "TEXT", "text", "join http://raid.example"));
			JsonNode refused = acks.next(WAIT);
			assertThat(refused).isNotNull();
			assertThat(refused.path("clientMsgId").asString()).isEqualTo("s1");
			assertThat(refused.path("status").asString()).isEqualTo("ERROR");
			assertThat(refused.path("problem").path("status").asInt()).isEqualTo(403);
			assertThat(refused.path("problem").path("type").asString()).isEqualTo(PROBATION);
			assertThat(refused.path("problem").path("probationUntil").isMissingNode()).isFalse();
		}
		assertThat(refusedForProbation() - refusedBefore).as("operators see why sends were refused").isEqualTo(1);
		assertThat(api.as(owner)
			.get("/api/v1/groups/" + groupId + "/messages")
			.json()
			.path("messages")
			.valueStream()
			.filter(m -> !m.path("type").asString().equals("SYSTEM"))).isEmpty();
	}

	@Test
	void aNewcomerIsHeldToTheSlowerRateOnlyInTheGroupTheyJustJoined() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		String newcomer = joinWithInvite(owner, groupId);
		for (int i = 0; i < 3; i++) {
			assertThat(send(newcomer, groupId, Map.of("type", "TEXT", "text", "hi " + i)).status()).isEqualTo(201);
		}
		Api.Response limited = send(newcomer, groupId, Map.of("type", "TEXT", "text", "hi again"));
		assertThat(limited.status()).as(limited.raw()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		// the owner, in the same group, is not held to it
		for (int i = 0; i < 5; i++) {
			assertThat(send(owner, groupId, Map.of("type", "TEXT", "text", "owner " + i)).status()).isEqualTo(201);
		}
	}

	@Test
	void ownersAdminsAndMembersAddedBySomeoneAreNeverOnProbation() {
		String owner = user("owner");
		String added = user("added");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, added);
		String promoted = joinWithInvite(owner, groupId);
		makeAdmin(groupId, owner, promoted);
		for (String sender : new String[] { owner, added, promoted }) {
			Api.Response link = send(sender, groupId, Map.of("type", "TEXT", "text", "https://ok.example"));
			assertThat(link.status()).as(sender + ": " + link.raw()).isEqualTo(201);
			assertThat(send(sender, groupId, Map.of("type", "IMAGE", "mediaUrl", "https://cdn.example/a.png")).status())
				.isEqualTo(201);
		}
	}

	private double refusedForProbation() {
		Api.Response response = api.as(user("ops"), Map.of("roles", List.of("ops"))).get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		return new Scrape(response.raw()).sum("groupchat_sends_refused_total", "reason", "probation");
	}

	private String joinWithInvite(String owner, String groupId) {
		String code = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of()).text("code");
		String newcomer = user("newcomer");
		Api.Response joined = api.as(newcomer).post("/api/v1/invites/" + code + "/join", Map.of());
		assertThat(joined.status()).as(joined.raw()).isEqualTo(201);
		return newcomer;
	}

	private Api.Response send(String sender, String groupId, Map<String, Object> body) {
		Map<String, Object> message = new HashMap<>(body);
		message.put("clientMsgId", "c-" + UUID.randomUUID());
		return api.as(sender).post("/api/v1/groups/" + groupId + "/messages", message);
	}

}
