package dev.groupchat.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * End-to-end tests that post, react and read history as users do. Bulk work runs in
 * batches of two, so a handful of messages already spans several batches.
 */
@TestPropertySource(
		properties = { "groupchat.privacy.deletion-batch-size=2", "groupchat.privacy.retention-batch-size=2" })
abstract class MessagingEndToEndTest extends EndToEndTest {

	/** Posts a TEXT message and answers its seq. */
	protected long post(String userId, String groupId, String clientMsgId, String text) {
		Api.Response posted = api.as(userId)
			.post(messages(groupId), Map.of("clientMsgId", clientMsgId, "type", "TEXT", "text", text));
		assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
		return posted.json().path("seq").asLong();
	}

	protected void react(String userId, String groupId, long seq, String emoji) {
		Api.Response reacted = api.as(userId)
			.put(messages(groupId) + "/" + seq + "/reactions/" + URLEncoder.encode(emoji, StandardCharsets.UTF_8),
					null);
		assertThat(reacted.status()).as(reacted.raw()).isEqualTo(200);
	}

	/**
	 * The whole history of a group as one member reads it (at most 200 messages),
	 * ascending by seq.
	 */
	protected JsonNode history(String readerId, String groupId) {
		Api.Response page = api.as(readerId).get(messages(groupId) + "?afterSeq=0&limit=200");
		assertThat(page.status()).as(page.raw()).isEqualTo(200);
		assertThat(page.json().path("hasMore").asBoolean()).isFalse();
		return page.json().path("messages");
	}

	protected static String messages(String groupId) {
		return "/api/v1/groups/" + groupId + "/messages";
	}

	protected static <T> List<T> rows(JsonNode array, Function<JsonNode, T> mapper) {
		List<T> result = new ArrayList<>();
		array.forEach(node -> result.add(mapper.apply(node)));
		return result;
	}

	/** 1, 2, …, n: what a gapless history's seqs must be. */
	protected static List<Long> oneTo(int n) {
		List<Long> seqs = new ArrayList<>();
		for (long seq = 1; seq <= n; seq++) {
			seqs.add(seq);
		}
		return seqs;
	}

}
