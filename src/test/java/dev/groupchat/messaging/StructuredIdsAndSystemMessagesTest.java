package dev.groupchat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
 * User ids in requests follow the token's {@code sub} rule, so free text never becomes an
 * id; and SYSTEM messages are structured events, never prose built from ids.
 */
class StructuredIdsAndSystemMessagesTest extends EndToEndTest {

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest
	@ValueSource(strings = { "Security notice: verify at evil.tld", "bob smith", "<script>", "ünïcode" })
	void aUserIdThatBreaksTheRuleIs400WhereverARequestNamesOne(String bad) {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		Api as = api.as(owner);
		String encoded = URLEncoder.encode(bad, StandardCharsets.UTF_8).replace("+", "%20");
		String group = "/api/v1/groups/" + groupId;

		List<Api.Response> refused = List.of(as.post(group + "/members", Map.of("userId", bad)),
				as.post(group + "/bans", Map.of("userId", bad)),
				as.post("/api/v1/groups", Map.of("name", "g", "kind", "CHAT", "memberIds", List.of(bad))),
				as.post(group + "/messages",
						Map.of("clientMsgId", "c", "type", "TEXT", "text", "hi", "mentions", List.of(bad))),
				as.patch(group + "/members/" + encoded, Map.of("role", "ADMIN")),
				as.delete(group + "/members/" + encoded), as.delete(group + "/bans/" + encoded),
				as.post(group + "/join-requests/" + encoded + "/approve", null),
				as.post(group + "/join-requests/" + encoded + "/reject", null));

		for (Api.Response response : refused) {
			assertThat(response.status()).as(response.raw()).isEqualTo(400);
			assertThat(response.text("type")).isEqualTo(ProblemType.VALIDATION.type().toString());
		}
		assertThat(as.get(group + "/messages").json().path("messages").size()).as("nothing stored").isZero();
	}

	@Test
	void meAndAtAllStillWork() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);

		assertThat(api.as(owner)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", "c", "type", "TEXT", "text", "hi", "mentions", List.of("@all", member)))
			.status()).isEqualTo(201);
		assertThat(api.as(member).delete("/api/v1/groups/" + groupId + "/members/me").status()).isEqualTo(204);
	}

	@Test
	void aBadMentionOverStompIsAnErrorAck() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(owner))) {
			StompTestClient.Subscription acks = client.subscribeAndAwait("/user/queue/acks");
			client.send("/app/group." + groupId + ".send",
					Map.of("clientMsgId", "m", "type", "TEXT", "text", "hi", "mentions", List.of("evil id")));
			JsonNode ack = acks.next(Duration.ofSeconds(10));
			assertThat(ack.path("status").asString()).isEqualTo("ERROR");
			assertThat(ack.path("problem").path("status").asInt()).isEqualTo(400);
		}
	}

	@Test
	void systemMessagesAreStructuredEventsWithoutProse() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(owner))) {
			StompTestClient.Subscription topic = client.subscribeAndAwait("/topic/group." + groupId);
			addMember(groupId, owner, member);
			configure(groupId, owner, Map.of("name", "Renamed"));
			api.as(owner).delete("/api/v1/groups/" + groupId + "/members/" + member);

			List<JsonNode> created = topic.collect("message.created", 3, Duration.ofSeconds(10));
			assertThat(created).extracting(e -> e.path("message").path("system").path("event").asString())
				.containsExactly("member.added", "group.renamed", "member.removed");
			JsonNode added = created.get(0).path("message");
			assertThat(added.path("type").asString()).isEqualTo("SYSTEM");
			assertThat(added.path("text").isNull()).as("no prose").isTrue();
			assertThat(added.path("system").path("actorId").asString()).isEqualTo(owner);
			assertThat(added.path("system").path("targetIds").get(0).asString()).isEqualTo(member);
			assertThat(created.get(1).path("message").path("system").path("name").asString()).isEqualTo("Renamed");
			assertThat(created.get(2).path("message").path("system").path("actorId").asString()).isEqualTo(owner);
		}
		JsonNode history = api.as(owner)
			.get("/api/v1/groups/" + groupId + "/messages?afterSeq=0")
			.json()
			.path("messages");
		assertThat(history.get(0).path("system").path("event").asString()).isEqualTo("member.added");
	}

	@Test
	void aSystemMessageStoredAsProseBeforeStaysReadable() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		jdbc.sql("""
				insert into message (group_id, seq, id, sender_id, client_msg_id, type, text, created_at)
				values (:g, 1, :id, :owner, 'system-old', 'SYSTEM', 'old prose', :now)""")
			.param("g", UUID.fromString(groupId))
			.param("id", UUID.randomUUID())
			.param("owner", owner)
			.param("now", Timestamp.from(Instant.now()))
			.update();
		jdbc.sql("update chat_group set last_seq = 1 where id = :g").param("g", UUID.fromString(groupId)).update();

		Api.Response history = api.as(owner).get("/api/v1/groups/" + groupId + "/messages?afterSeq=0");
		assertThat(history.status()).as(history.raw()).isEqualTo(200);
		JsonNode old = history.json().path("messages").get(0);
		assertThat(old.path("text").asString()).isEqualTo("old prose");
		assertThat(old.path("system").isNull()).isTrue();
	}

}
