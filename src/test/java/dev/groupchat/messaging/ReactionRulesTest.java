package dev.groupchat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A reaction is one emoji, a message holds at most 20 different ones, and events carry
 * only the change.
 */
class ReactionRulesTest extends EndToEndTest {

	private static final String[] TWENTY_ONE = { "😀", "😁", "😂", "🤣", "😃", "😄", "😅", "😆", "😉", "😊", "😋", "😎",
			"😍", "😘", "🥰", "😗", "😙", "🥲", "😚", "🙂", "🤗" };

	@ParameterizedTest
	@ValueSource(
			strings = { "👍", "👍🏽", "👨‍👩‍👧", "🧑🏿‍🚀", "🇯🇵", "1️⃣", "#️⃣", "❤️", "❤", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🫠" })
	void oneEmojiIsAReaction(String emoji) {
		Fixture f = fixture();
		Api.Response reacted = api.as(f.owner).put(path(f, emoji), null);

		assertThat(reacted.status()).as(reacted.raw()).isEqualTo(200);
		assertThat(reacted.json().path("reactions").path(emoji).asInt()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "ok", "heart", "1", "#", "👍👍", "👍a", "🇯🇵🇫🇷", "🏽", "\u200d", "中", "é", "<b>",
			"x y" })
	void anythingElseIs400AndStoresNothing(String notAnEmoji) {
		Fixture f = fixture();
		Api.Response reacted = api.as(f.owner).put(path(f, notAnEmoji), null);

		assertThat(reacted.status()).as(reacted.raw()).isEqualTo(400);
		assertThat(reacted.text("type")).isEqualTo(ProblemType.VALIDATION.type().toString());
		assertThat(message(f).path("reactions").properties()).isEmpty();
	}

	@Test
	void theTwentyFirstDifferentEmojiIs409WhileExistingOnesStillCount() {
		Fixture f = fixture();
		for (int i = 0; i < 20; i++) {
			assertThat(api.as(f.owner).put(path(f, TWENTY_ONE[i]), null).status()).isEqualTo(200);
		}

		Api.Response refused = api.as(f.member).put(path(f, TWENTY_ONE[20]), null);
		assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
		assertThat(refused.text("type")).isEqualTo(ProblemType.CONFLICT.type().toString());
		Api.Response existing = api.as(f.member).put(path(f, TWENTY_ONE[0]), null);
		assertThat(existing.status()).as(existing.raw()).isEqualTo(200);
		assertThat(existing.json().path("reactions").path(TWENTY_ONE[0]).asInt()).isEqualTo(2);
		assertThat(message(f).path("reactions").properties()).hasSize(20);

		assertThat(api.as(f.owner).delete(path(f, TWENTY_ONE[19])).status()).isEqualTo(200);
		assertThat(api.as(f.member).put(path(f, TWENTY_ONE[20]), null).status()).as("room again").isEqualTo(200);
	}

	@Test
	void aReactionEventCarriesOnlyTheChangedEmojiAndItsCount() throws Exception {
		Fixture f = fixture();
		api.as(f.owner).put(path(f, "🔥"), null);
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(f.owner))) {
			StompTestClient.Subscription topic = client.subscribeAndAwait("/topic/group." + f.groupId);

			api.as(f.member).put(path(f, "👍"), null);
			JsonNode added = topic.next("reaction.changed", Duration.ofSeconds(10));
			api.as(f.member).delete(path(f, "👍"));
			JsonNode removed = topic.next("reaction.changed", Duration.ofSeconds(10));

			assertThat(added.path("seq").asLong()).isEqualTo(f.seq);
			assertThat(added.path("emoji").asString()).isEqualTo("👍");
			assertThat(added.path("count").asInt()).isEqualTo(1);
			assertThat(added.path("added").asBoolean()).isTrue();
			assertThat(added.has("reactions")).as("no full map of every emoji").isFalse();
			assertThat(removed.path("count").asInt()).isZero();
			assertThat(removed.path("added").asBoolean()).isFalse();
		}
	}

	private record Fixture(String owner, String member, String groupId, long seq) {
	}

	private Fixture fixture() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		Api.Response posted = api.as(owner)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", "m1", "type", "TEXT", "text", "react to me"));
		assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
		return new Fixture(owner, member, groupId, posted.json().path("seq").asLong());
	}

	private static String path(Fixture f, String emoji) {
		return "/api/v1/groups/" + f.groupId + "/messages/" + f.seq + "/reactions/"
				+ URLEncoder.encode(emoji, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private JsonNode message(Fixture f) {
		return api.as(f.owner)
			.get("/api/v1/groups/" + f.groupId + "/messages?afterSeq=" + (f.seq - 1) + "&limit=1")
			.json()
			.path("messages")
			.get(0);
	}

}
