package dev.groupchat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A NUL character in any string of a request body is a 400 validation problem naming the
 * field, at the edge: nothing is stored, and the writer never sees it (PostgreSQL would
 * refuse the whole batch).
 */
class NulCharacterTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest
	@ValueSource(strings = { "text", "clientMsgId", "mentions[1]", "video.videoId", "mediaUrl" })
	void aNulInAnyFieldOfAMessageIsRefusedWith400NamingTheField(String field) {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");

		Api.Response posted = api.as(owner).post("/api/v1/groups/" + groupId + "/messages", body(field));

		assertThat(posted.status()).as(posted.raw()).isEqualTo(400);
		assertThat(posted.text("type")).isEqualTo(ProblemType.VALIDATION.type().toString());
		assertThat(posted.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
		assertThat(messages(groupId)).isZero();
		assertThat(api.as(owner)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", "ok", "type", "TEXT", "text", "fine"))
			.status()).isEqualTo(201);
	}

	@Test
	void aNulInOtherBodiesIsRefusedToo() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		Api as = api.as(owner);

		assertNulRefused(as.post("/api/v1/groups", Map.of("name", "a\u0000b", "kind", "CHAT")), "name");
		assertNulRefused(as.patch("/api/v1/groups/" + groupId, Map.of("description", "x\u0000")), "description");
		assertNulRefused(as.post("/api/v1/groups/" + groupId + "/members", Map.of("userId", "bob\u0000")), "userId");
		assertNulRefused(
				as.put("/api/v1/groups/" + groupId + "/keyword-filter", Map.of("words", List.of("ok", "b\u0000d"))),
				"words[1]");
	}

	@Test
	void aNulInAStompSendIsAnErrorAckNamingTheFieldAndTheNextSendIsStored() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(owner))) {
			StompTestClient.Subscription acks = client.subscribeAndAwait("/user/queue/acks");

			client.send("/app/group." + groupId + ".send",
					Map.of("clientMsgId", "n1", "type", "TEXT", "text", "a\u0000b"));
			client.send("/app/group." + groupId + ".send", Map.of("clientMsgId", "n2", "type", "TEXT", "text", "ok"));

			JsonNode refused = acks.next(WAIT);
			assertThat(refused.path("clientMsgId").asString()).isEqualTo("n1");
			assertThat(refused.path("status").asString()).isEqualTo("ERROR");
			assertThat(refused.path("problem").path("status").asInt()).isEqualTo(400);
			assertThat(refused.path("problem").path("errors").get(0).path("field").asString()).isEqualTo("text");
			JsonNode stored = acks.next(WAIT);
			assertThat(stored.path("status").asString()).as(stored.toString()).isEqualTo("OK");
			assertThat(stored.path("message").path("seq").asLong()).isEqualTo(1);
		}
		assertThat(messages(groupId)).isEqualTo(1);
	}

	private static void assertNulRefused(Api.Response response, String field) {
		assertThat(response.status()).as(response.raw()).isEqualTo(400);
		assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
	}

	private static Map<String, Object> body(String field) {
		String nul = "x\u0000y";
		return Map.of("clientMsgId", field.equals("clientMsgId") ? nul : "c-" + UUID.randomUUID(), "type",
				field.startsWith("video") ? "VIDEO_SHARE" : "TEXT", "text", field.equals("text") ? nul : "hello",
				"mentions", field.startsWith("mentions") ? List.of("ok", nul) : List.of(), "video",
				Map.of("videoId", field.startsWith("video") ? nul : "v1"), "mediaUrl",
				field.equals("mediaUrl") ? "https://x/" + nul : "https://example.test/a.png");
	}

	private long messages(String groupId) {
		return jdbc.sql("select count(*) from message where group_id = :g")
			.param("g", UUID.fromString(groupId))
			.query(Long.class)
			.single();
	}

}
