package dev.groupchat.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.GroupFixture;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each control, over REST and over STOMP alike. */
class ModerationControlsTest extends EndToEndTest {

	private Api.Response post(String userId, String groupId, String text) {
		return api.as(userId)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", UUID.randomUUID().toString(), "type", "TEXT", "text", text));
	}

	private JsonNode sendOverStomp(String userId, String groupId, String text) throws InterruptedException {
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(userId))) {
			StompTestClient.Subscription acks = client.subscribe("/user/queue/acks");
			Thread.sleep(100);
			client.send("/app/group." + groupId + ".send",
					Map.of("clientMsgId", UUID.randomUUID().toString(), "type", "TEXT", "text", text));
			return acks.collectAny(1, Duration.ofSeconds(10)).getFirst();
		}
	}

	@Test
	void announcementChannelLetsOnlyModeratorsPostButMembersStillReact() throws Exception {
		GroupFixture f = fixture("CHAT");
		configure(f.groupId(), f.owner(), Map.of("postPolicy", "ADMINS"));
		assertThat(post(f.member(), f.groupId(), "hi").status()).isEqualTo(403);
		JsonNode ack = sendOverStomp(f.member(), f.groupId(), "hi");
		assertThat(ack.path("status").asString()).isEqualTo("ERROR");
		assertThat(ack.path("problem").path("status").asInt()).isEqualTo(403);
		Api.Response announcement = post(f.admin(), f.groupId(), "news");
		assertThat(announcement.status()).isEqualTo(201);
		long seq = announcement.json().path("seq").asLong();
		assertThat(api.as(f.member())
			.put("/api/v1/groups/" + f.groupId() + "/messages/" + seq + "/reactions/🎉", null)
			.status()).isEqualTo(200);
		configure(f.groupId(), f.owner(), Map.of("postPolicy", "EVERYONE"));
		assertThat(post(f.member(), f.groupId(), "back").status()).isEqualTo(201);
	}

	@Test
	void mutedMemberReadsButCannotPostOrReactUntilTheMuteEnds() throws Exception {
		GroupFixture f = fixture("CHAT");
		long seq = post(f.owner(), f.groupId(), "hello").json().path("seq").asLong();
		Api.Response muted = api.as(f.admin())
			.patch("/api/v1/groups/" + f.groupId() + "/members/" + f.member(),
					Map.of("mutedUntil", Instant.now().plusSeconds(3600).toString()));
		assertThat(muted.status()).isEqualTo(200);
		assertThat(post(f.member(), f.groupId(), "hi").status()).isEqualTo(403);
		assertThat(sendOverStomp(f.member(), f.groupId(), "hi").path("problem").path("status").asInt()).isEqualTo(403);
		assertThat(api.as(f.member())
			.put("/api/v1/groups/" + f.groupId() + "/messages/" + seq + "/reactions/👍", null)
			.status()).isEqualTo(403);
		assertThat(api.as(f.member()).get("/api/v1/groups/" + f.groupId() + "/messages").status()).isEqualTo(200);
		Map<String, Object> unmute = new HashMap<>();
		unmute.put("mutedUntil", null);
		assertThat(api.as(f.admin()).patch("/api/v1/groups/" + f.groupId() + "/members/" + f.member(), unmute).status())
			.isEqualTo(200);
		assertThat(post(f.member(), f.groupId(), "free again").status()).isEqualTo(201);
	}

	@Test
	void slowModeRefusesASecondMessageInsideTheWindowWithRetryAfterAndExemptsModerators() throws Exception {
		GroupFixture f = fixture("CHAT");
		configure(f.groupId(), f.owner(), Map.of("slowModeSeconds", 30));
		assertThat(post(f.member(), f.groupId(), "first").status()).isEqualTo(201);
		Api.Response second = post(f.member(), f.groupId(), "second");
		assertThat(second.status()).isEqualTo(429);
		assertThat(second.headers().firstValue("Retry-After"))
			.hasValueSatisfying(value -> assertThat(Integer.parseInt(value)).isBetween(28, 30));
		assertThat(second.text("type")).isEqualTo(ProblemType.RATE_LIMITED.type().toString());
		JsonNode ack = sendOverStomp(f.member(), f.groupId(), "third");
		assertThat(ack.path("status").asString()).isEqualTo("ERROR");
		assertThat(ack.path("problem").path("status").asInt()).isEqualTo(429);
		assertThat(ack.path("problem").path("retryAfterSeconds").asInt()).isBetween(1, 30);
		for (int i = 0; i < 3; i++) {
			assertThat(post(f.admin(), f.groupId(), "admin " + i).status()).isEqualTo(201);
		}
		JsonNode history = api.as(f.owner()).get("/api/v1/groups/" + f.groupId() + "/messages?limit=200").json();
		List<String> texts = new ArrayList<>();
		history.path("messages").forEach(m -> texts.add(m.path("text").asString("")));
		assertThat(texts).contains("first").doesNotContain("second", "third");
		List<Long> seqs = new ArrayList<>();
		history.path("messages").forEach(m -> seqs.add(m.path("seq").asLong()));
		for (int i = 1; i < seqs.size(); i++) {
			assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
		}
	}

	@Test
	void keywordFilterRefusesMatchingMessagesWith422AndStoresNothing() throws Exception {
		GroupFixture f = fixture("CHAT");
		Api.Response set = api.as(f.admin())
			.put("/api/v1/groups/" + f.groupId() + "/keyword-filter",
					Map.of("words", List.of("spoiler", "buy followers"), "patterns", List.of("free\\s+v-?bucks")));
		assertThat(set.status()).as(set.raw()).isEqualTo(200);
		assertThat(api.as(f.member())
			.put("/api/v1/groups/" + f.groupId() + "/keyword-filter", Map.of("words", List.of()))
			.status()).isEqualTo(403);
		long before = lastSeq(f);
		Api.Response blocked = post(f.member(), f.groupId(), "Huge SPOILER ahead");
		assertThat(blocked.status()).isEqualTo(422);
		assertThat(blocked.text("type")).isEqualTo(ProblemType.MESSAGE_BLOCKED.type().toString());
		assertThat(post(f.member(), f.groupId(), "get FREE   vbucks now").status()).isEqualTo(422);
		assertThat(post(f.member(), f.groupId(), "ｓｐｏｉｌｅｒ in full-width").status()).isEqualTo(422);
		assertThat(sendOverStomp(f.member(), f.groupId(), "you can buy followers here").path("problem")
			.path("status")
			.asInt()).isEqualTo(422);
		assertThat(lastSeq(f)).isEqualTo(before);
		assertThat(post(f.member(), f.groupId(), "spoilers are words too: unspoilered").status()).isEqualTo(201);
		assertThat(api.as(f.admin())
			.put("/api/v1/groups/" + f.groupId() + "/keyword-filter", Map.of("patterns", List.of("(unclosed")))
			.status()).isEqualTo(400);
	}

	@Test
	void aHostilePatternOnHostileInputFinishesInMilliseconds() {
		GroupFixture f = fixture("CHAT");
		assertThat(api.as(f.owner())
			.put("/api/v1/groups/" + f.groupId() + "/keyword-filter", Map.of("patterns", List.of("(a+)+$", "(x|x)*y")))
			.status()).isEqualTo(200);
		// the classic catastrophic case: no match, after a backtracking engine tries 2^n
		// splits
		String hostile = "a".repeat(3_999) + "!";
		long start = System.nanoTime();
		Api.Response response = post(f.member(), f.groupId(), hostile);
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(response.status()).isEqualTo(201);
		assertThat(millis).isLessThan(1_000);
		assertThat(post(f.member(), f.groupId(), "aaaa").status()).isEqualTo(422);
		assertThat(KeywordFilter.blocks(new KeywordFilter(null, List.of("(x|x)*y")).compile(), "x".repeat(100_000)))
			.isFalse();
	}

	@Test
	void mentioningAllInAGroupOfMoreThanFiftyNeedsAModerator() {
		String owner = user("creator");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "OPEN"));
		String fan = null;
		for (int i = 0; i < 51; i++) {
			fan = user("fan");
			assertThat(api.as(fan).post("/api/v1/groups/" + groupId + "/join", Map.of()).status()).isEqualTo(201);
		}
		Map<String, Object> everyone = Map.of("clientMsgId", "all-1", "type", "TEXT", "text", "hey all", "mentions",
				List.of("@all"));
		assertThat(api.as(fan).post("/api/v1/groups/" + groupId + "/messages", everyone).status()).isEqualTo(403);
		assertThat(api.as(owner).post("/api/v1/groups/" + groupId + "/messages", everyone).status()).isEqualTo(201);
	}

	@Test
	void controlChangesArePushedLive() throws Exception {
		GroupFixture f = fixture("CHAT");
		try (StompTestClient watcher = StompTestClient.connect(port, f.memberToken())) {
			StompTestClient.Subscription topic = watcher.subscribe("/topic/group." + f.groupId());
			Thread.sleep(200);
			configure(f.groupId(), f.owner(), Map.of("slowModeSeconds", 10));
			JsonNode updated = topic.next("group.updated", Duration.ofSeconds(5));
			assertThat(updated.path("group").path("slowModeSeconds").asInt()).isEqualTo(10);
			api.as(f.owner())
				.patch("/api/v1/groups/" + f.groupId() + "/members/" + f.admin(),
						Map.of("mutedUntil", Instant.now().plusSeconds(60).toString()));
			JsonNode member = topic.next("member.updated", Duration.ofSeconds(5));
			assertThat(member.path("member").path("userId").asString()).isEqualTo(f.admin());
			assertThat(member.path("member").path("mutedUntil").isNull()).isFalse();
			api.as(f.owner()).put("/api/v1/groups/" + f.groupId() + "/keyword-filter", Map.of("words", List.of("x")));
			assertThat(topic.next("group.updated", Duration.ofSeconds(5)).path("keywordFilterChanged").asBoolean())
				.isTrue();
		}
	}

	private long lastSeq(GroupFixture f) {
		return api.as(f.owner()).get("/api/v1/groups/" + f.groupId()).json().path("lastSeq").asLong();
	}

}
