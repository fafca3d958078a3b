package dev.groupchat.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Words match at Unicode word boundaries in every script (RE2's {@code \b} knows only
 * ASCII), as substrings in scripts without spaces, after removing format characters, NFKC
 * and case folding; and a filter's size is bounded so that one check stays cheap.
 */
class KeywordFilterUnicodeTest extends EndToEndTest {

	@ParameterizedTest(name = "{0} blocks \"{1}\": {2}")
	@CsvSource(delimiter = '|',
			value = { "дурак | ты дурак! | true", "дурак | Ты ДУРАК | true", "дурак | дураки | false",
					"дурак | endурак | false", "βλάκας | είσαι βλάκας. | true", "βλάκας | ΒΛΆΚΑΣ | true",
					"笨蛋 | 你是笨蛋吗 | true", "ばか | おまえはばかだ | true", "바보 | 너는바보야 | true",
					"spam | s\u200Bp\u200Ba\u200Bm now | true", "spam | sp\u00ADam | true", "spam | ｓｐａｍ | true",
					"spam | 𝐬𝐩𝐚𝐦 | true", "spam | spammer | false", "spam | SPAM. | true",
					"strasse | STRASSE | true", "straße | STRASSE | true", "bad word | a bad  word | false",
					"bad word | a Bad Word! | true", "spam | 中文spam中文 | true" })
	void wordsMatchInEveryScript(String word, String text, boolean blocked) {
		KeywordFilter.Compiled filter = new KeywordFilter(List.of(word), List.of()).compile();

		assertThat(KeywordFilter.blocks(filter, text)).isEqualTo(blocked);
	}

	@Test
	void patternsAreCaseInsensitiveOnTheNormalizedText() {
		KeywordFilter.Compiled filter = new KeywordFilter(List.of(), List.of("FREE\\s+MONEY", "\\d{3}-\\d{4}"))
			.compile();

		assertThat(KeywordFilter.blocks(filter, "get ｆｒｅｅ\u200B money")).isTrue();
		assertThat(KeywordFilter.blocks(filter, "get Free  Money")).isTrue();
		assertThat(KeywordFilter.blocks(filter, "call 555-1234")).isTrue();
		assertThat(KeywordFilter.blocks(filter, "nothing here")).isFalse();
	}

	@Test
	void aCyrillicWordIsRefusedOverRestAndStompAndNothingIsStored() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		Api.Response set = api.as(owner).put(filter(groupId), Map.of("words", List.of("дурак"), "patterns", List.of()));
		assertThat(set.status()).as(set.raw()).isEqualTo(200);

		Api.Response posted = api.as(owner)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", "c1", "type", "TEXT", "text", "ну ты ДУРАК"));
		assertThat(posted.status()).as(posted.raw()).isEqualTo(422);
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(owner))) {
			StompTestClient.Subscription acks = client.subscribeAndAwait("/user/queue/acks");
			client.send("/app/group." + groupId + ".send",
					Map.of("clientMsgId", "c2", "type", "TEXT", "text", "ду\u200Bрак"));
			JsonNode ack = acks.next(Duration.ofSeconds(10));
			assertThat(ack.path("status").asString()).isEqualTo("ERROR");
			assertThat(ack.path("problem").path("status").asInt()).isEqualTo(422);
		}
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId + "/messages").json().path("messages").size())
			.isZero();
	}

	@Test
	void aFilterOverItsLimitsIs400AndTheOldFilterStays() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		api.as(owner).put(filter(groupId), Map.of("words", List.of("keep")));
		List<Map<String, Object>> tooBig = List.of(
				Map.of("words", Collections.nCopies(501, "w").stream().map(w -> w + Math.random()).toList()),
				Map.of("words", List.of("w".repeat(101))), Map.of("patterns", List.of("a", "b", "c", "d")),
				Map.of("patterns", List.of("x".repeat(101))), Map.of("patterns", List.of("(?:a{3}){3}")),
				Map.of("patterns", List.of("a{5}", "b{4}")));

		for (Map<String, Object> body : tooBig) {
			Api.Response refused = api.as(owner).put(filter(groupId), body);
			assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
			assertThat(refused.text("type")).isEqualTo(ProblemType.VALIDATION.type().toString());
		}
		assertThat(api.as(owner).get(filter(groupId)).json().path("words").get(0).asString()).isEqualTo("keep");
		assertThat(api.as(owner).put(filter(groupId), Map.of("patterns", List.of("a{4}", "b{4}", "c+"))).status())
			.isEqualTo(200);
	}

	private static String filter(String groupId) {
		return "/api/v1/groups/" + groupId + "/keyword-filter";
	}

}
