package dev.groupchat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.GroupFixture;
import dev.groupchat.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lean history read path answers exactly what the regular path (filter chain, MVC)
 * answers: the same bytes and headers for pages with placeholders, polls and reactions,
 * and every refusal left to the regular path with its RFC 9457 problem. A request with an
 * {@code Origin} header always takes the regular path, which gives the pairs compared
 * here.
 */
class HistoryReadPathTest extends EndToEndTest {

	/** Headers that differ between any two responses. */
	private static final Set<String> VOLATILE = Set.of("date", "x-request-id", "content-length", "transfer-encoding",
			"keep-alive", "connection");

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	MeterRegistry meters;

	@Test
	void pagesAreTheSameBytesAndHeadersAsThroughTheFilterChain() {
		GroupFixture group = fixture("CHAT");
		String stranger = user("stranger");
		addMember(group.groupId(), group.owner(), stranger);
		postText(group.owner(), group.groupId(), "first from the owner");
		postText(stranger, group.groupId(), "from someone the member blocks");
		Api.Response poll = api.as(group.admin())
			.post("/api/v1/groups/" + group.groupId() + "/messages", Map.of("clientMsgId", "poll-1", "type", "POLL",
					"poll", Map.of("question", "Which?", "options", List.of("this", "that"))));
		assertThat(poll.status()).as(poll.raw()).isEqualTo(201);
		long pollSeq = poll.json().path("seq").asLong();
		assertThat(api.as(group.member())
			.put("/api/v1/groups/" + group.groupId() + "/messages/" + pollSeq + "/votes", Map.of("options", List.of(1)))
			.status()).isEqualTo(200);
		long reacted = postText(group.owner(), group.groupId(), "caf\u00e9 \uD83D\uDE00 and \"quotes\"");
		assertThat(api.as(group.admin())
			.put("/api/v1/groups/" + group.groupId() + "/messages/" + reacted + "/reactions/\uD83D\uDC4D", null)
			.status()).isEqualTo(200);
		assertThat(api.as(group.member()).put("/api/v1/me/blocks/" + stranger, null).status()).isEqualTo(204);
		String base = "/api/v1/groups/" + group.groupId() + "/messages";
		double leanBefore = leanPages();
		long timedBefore = timedHistoryCalls();

		List<String> queries = List.of("", "?limit=2", "?beforeSeq=4&limit=2", "?afterSeq=1", "?afterSeq=0&limit=50",
				"?beforeSeq=99");
		for (String query : queries) {
			Answer lean = get(base + query, TestTokens.token(group.member()), null);
			Answer regular = get(base + query, TestTokens.token(group.member()), "https://app.example");
			assertThat(lean.status()).as(query + ": " + lean.body()).isEqualTo(200);
			assertThat(lean.body()).as(query).isEqualTo(regular.body());
			assertThat(lean.headers()).as(query).isEqualTo(regular.headers());
		}
		Answer newest = get(base, TestTokens.token(group.member()), null);
		assertThat(newest.body()).contains("\"text\":null").contains("caf\u00e9 \uD83D\uDE00 and \\\"quotes\\\"");
		assertThat(newest.body()).doesNotContain("from someone the member blocks");

		assertThat(leanPages() - leanBefore).isEqualTo(queries.size() + 1);
		// the HTTP metrics see every call under its path template, lean or not (recorded
		// once the response is complete, a moment after the client has it)
		long expected = timedBefore + 2L * queries.size() + 1;
		for (int i = 0; i < 50 && timedHistoryCalls() < expected; i++) {
			sleep(100);
		}
		assertThat(timedHistoryCalls()).isEqualTo(expected);
	}

	@Test
	void whatTheLeanPathDoesNotAnswerIsTheRegularPathsAnswer() {
		GroupFixture group = fixture("CHAT");
		postText(group.owner(), group.groupId(), "hello");
		String base = "/api/v1/groups/" + group.groupId() + "/messages";
		String member = TestTokens.token(group.member());
		double leanBefore = leanPages();

		Map<String, String[]> refusals = new TreeMap<>();
		refusals.put("no token", new String[] { base, null });
		refusals.put("not a token", new String[] { base, "not-a-jwt" });
		refusals.put("a token of another key", new String[] { base, TestTokens.token("intruder", Map.of(),
				Duration.ofMinutes(5), "another-secret-of-at-least-32-bytes-0123456789") });
		refusals.put("a non-member", new String[] { base, TestTokens.token(user("outsider")) });
		refusals.put("beforeSeq 0", new String[] { base + "?beforeSeq=0", member });
		refusals.put("beforeSeq not a number", new String[] { base + "?beforeSeq=abc", member });
		refusals.put("afterSeq negative", new String[] { base + "?afterSeq=-1", member });
		refusals.put("limit out of range", new String[] { base + "?limit=99999999999", member });
		// not a refusal: MVC takes the first value; the lean path leaves it to MVC
		refusals.put("limit twice", new String[] { base + "?limit=2&limit=3", member });
		refusals.put("not a group id",
				new String[] { "/api/v1/groups/not-a-uuid-at-all-but-36-characters-x/messages", member });
		refusals.put("an unknown group",
				new String[] { "/api/v1/groups/00000000-0000-4000-8000-000000000000/messages", member });
		for (Map.Entry<String, String[]> refusal : refusals.entrySet()) {
			String path = refusal.getValue()[0];
			String token = refusal.getValue()[1];
			Answer lean = get(path, token, null);
			Answer regular = get(path, token, "https://app.example");
			assertThat(lean.status()).as(refusal.getKey() + ": " + lean.body()).isEqualTo(regular.status());
			assertThat(lean.body()).as(refusal.getKey()).isEqualTo(regular.body());
			assertThat(lean.headers()).as(refusal.getKey()).isEqualTo(regular.headers());
			if (lean.status() >= 400 && !lean.body().isEmpty()) {
				assertThat(lean.headers().get("content-type")).as(refusal.getKey())
					.isEqualTo("application/problem+json");
			}
		}
		refusals.remove("limit twice");
		assertThat(refusals.keySet())
			.allSatisfy(name -> assertThat(get(refusals.get(name)[0], refusals.get(name)[1], null).status()).as(name)
				.isNotEqualTo(200));
		assertThat(leanPages()).isEqualTo(leanBefore);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private double leanPages() {
		return meters.counter("groupchat.history.read.path").count();
	}

	private long timedHistoryCalls() {
		Timer timer = meters.find("http.server.requests")
			.tags("uri", HistoryReadPath.PATTERN, "method", "GET", "status", "200")
			.timer();
		return timer == null ? 0 : timer.count();
	}

	private Answer get(String path, @Nullable String token, @Nullable String origin) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (origin != null) {
			request.header("Origin", origin);
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			Map<String, String> headers = new TreeMap<>();
			response.headers().map().forEach((name, values) -> {
				if (!VOLATILE.contains(name.toLowerCase())) {
					headers.put(name.toLowerCase(), String.join(", ", values));
				}
			});
			return new Answer(response.statusCode(), headers, response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record Answer(int status, Map<String, String> headers, String body) {
	}

}
