package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a client sees when a request goes wrong: an RFC 9457 problem with a stable type,
 * the right status, nothing internal, and no change made.
 */
class ErrorResponsesTest extends EndToEndTest {

	private final List<Api.Response> seen = new ArrayList<>();

	@AfterEach
	void nothingInternalLeaks() {
		for (Api.Response response : seen) {
			assertThat(response.raw()).as("body of a %s", response.status())
				.doesNotContain("Exception", "at dev.", "at org.", "select ", "insert into", "update chat_group", "SQL",
						"org.postgresql", "hibernate", "constraint");
		}
	}

	@Test
	void malformedJsonIsABadRequest() {
		Api.Response response = record(
				api.as(user("u")).send("POST", "/api/v1/groups", "{\"name\": \"x\", ", "application/json"));

		assertProblem(response, 400, ProblemType.MALFORMED);
	}

	@Test
	void aBodyOfTheWrongShapeIsABadRequest() {
		Api.Response response = record(api.as(user("u"))
			.send("POST", "/api/v1/groups", "{\"name\": \"x\", \"kind\": \"PARTY\"}", "application/json"));

		assertProblem(response, 400, ProblemType.MALFORMED);
	}

	@Test
	void aValidationFailureNamesEveryFailingField() {
		Api.Response response = record(
				api.as(user("u")).post("/api/v1/groups", Map.of("name", " ", "description", "d".repeat(1001))));

		assertProblem(response, 400, ProblemType.VALIDATION);
		assertThat(response.json().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name",
				"description", "kind");
		assertThat(response.json().path("errors").findValuesAsString("message"))
			.allSatisfy(m -> assertThat(m).isNotBlank());
	}

	@Test
	void aWrongMethodIsNotAllowed() {
		Api.Response response = record(api.as(user("u")).put("/api/v1/groups", Map.of("name", "x", "kind", "CHAT")));

		assertProblem(response, 405, ProblemType.METHOD_NOT_ALLOWED);
	}

	@Test
	void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
		Api.Response response = record(api.as(user("u")).send("POST", "/api/v1/groups", "name=x", "text/plain"));

		assertProblem(response, 415, ProblemType.UNSUPPORTED_MEDIA_TYPE);
	}

	@Test
	void aBodyOverTheLimitIsRefusedWhenItsLengthIsAnnounced() {
		String owner = user("owner");
		Api.Response response = record(api.as(owner)
			.post("/api/v1/groups", Map.of("name", "Big", "kind", "CHAT", "description", "x".repeat(70 * 1024))));

		assertProblem(response, 413, ProblemType.PAYLOAD_TOO_LARGE);
		assertThat(api.as(owner).get("/api/v1/groups").json().path("items").size()).isZero();
	}

	@Test
	void aChunkedBodyOverTheLimitIsRefusedWhileReading() throws Exception {
		String owner = user("owner");
		byte[] body = ("{\"name\": \"Big\", \"kind\": \"CHAT\", \"description\": \"" + "x".repeat(70 * 1024) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/groups"))
			.header("Authorization", "Bearer " + TestTokens.token(owner))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))) // no
																									// length:
																									// chunked
			.timeout(Duration.ofSeconds(30))
			.build();

		HttpResponse<String> raw = send(request);
		Api.Response response = record(new Api.Response(raw.statusCode(), raw.headers(), raw.body()));

		assertProblem(response, 413, ProblemType.PAYLOAD_TOO_LARGE);
		assertThat(api.as(owner).get("/api/v1/groups").json().path("items").size()).isZero();
	}

	@Test
	void anUnknownPathIsAProblemNotFound() {
		Api.Response response = record(api.as(user("u")).get("/api/v1/no-such-thing"));

		assertProblem(response, 404, ProblemType.NOT_FOUND);
	}

	@Test
	void aGroupIdThatIsNotAnIdNamesNoGroup() {
		Api caller = api.as(user("u"));

		assertProblem(record(caller.get("/api/v1/groups/not-a-uuid")), 404, ProblemType.NOT_FOUND);
		assertProblem(record(caller.get("/api/v1/groups/not-a-uuid/members")), 404, ProblemType.NOT_FOUND);
		assertProblem(record(caller.get("/api/v1/groups/00000000-0000-0000-0000-000000000000")), 404,
				ProblemType.NOT_FOUND);
	}

	@Test
	void noTokenAnExpiredTokenAndAForeignTokenAreUnauthorized() {
		String userId = user("u");
		String expired = TestTokens.token(userId, Map.of(), Duration.ofMinutes(-5), TestTokens.SECRET);
		String foreign = TestTokens.token(userId, Map.of(), Duration.ofHours(1),
				"another-secret-that-is-long-enough-0123456789");

		for (Api caller : List.of(api.anonymous(), api.withToken(expired), api.withToken(foreign),
				api.withToken("not.a.jwt"))) {
			Api.Response response = record(caller.get("/api/v1/groups"));
			assertProblem(response, 401, ProblemType.UNAUTHORIZED);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
		}
	}

	@Test
	void aTokenWhoseClaimsBreakTheContractIsUnauthorized() {
		String tooLong = "u".repeat(65);

		assertProblem(record(api.as(tooLong).get("/api/v1/groups")), 401, ProblemType.UNAUTHORIZED);
		assertProblem(record(api.as(user("u"), Map.of("age_band", "adult")).get("/api/v1/groups")), 401,
				ProblemType.UNAUTHORIZED);
	}

	@Test
	void aRefusedSettingsChangeChangesNothing() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		JsonNode before = api.as(owner).get("/api/v1/groups/" + groupId).json();

		Api.Response slowMode = record(
				api.as(owner).patch("/api/v1/groups/" + groupId, Map.of("name", "Renamed", "slowModeSeconds", 7)));
		Api.Response publicChat = record(
				api.as(owner).patch("/api/v1/groups/" + groupId, Map.of("name", "Renamed", "visibility", "PUBLIC")));
		Api.Response limitTooHigh = record(api.as(owner)
			.patch("/api/v1/groups/" + groupId, Map.of("description", "changed", "memberLimit", 100_000_000)));

		assertProblem(slowMode, 400, ProblemType.VALIDATION);
		assertProblem(publicChat, 400, ProblemType.VALIDATION);
		assertProblem(limitTooHigh, 400, ProblemType.VALIDATION);
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId).json()).isEqualTo(before);
	}

	@Test
	void aBlankNameIsRefusedNotStored() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		JsonNode before = api.as(owner).get("/api/v1/groups/" + groupId).json();

		Api.Response blank = record(api.as(owner).patch("/api/v1/groups/" + groupId, Map.of("name", "   ")));

		assertProblem(blank, 400, ProblemType.VALIDATION);
		assertThat(blank.json().path("errors").findValuesAsString("field")).containsExactly("name");
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId).json()).isEqualTo(before);
	}

	@Test
	void aMemberLimitBelowTheMemberCountIsAConflict() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, user("a"));
		addMember(groupId, owner, user("b"));

		Api.Response refused = record(api.as(owner).patch("/api/v1/groups/" + groupId, Map.of("memberLimit", 2)));

		assertProblem(refused, 409, ProblemType.CONFLICT);
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId).json().path("memberLimit").asInt()).isEqualTo(32);
	}

	@Test
	void badPagingParametersAreBadRequests() {
		Api caller = api.as(user("u"));

		assertProblem(record(caller.get("/api/v1/groups?limit=0")), 400, ProblemType.VALIDATION);
		assertProblem(record(caller.get("/api/v1/groups?limit=201")), 400, ProblemType.VALIDATION);
		assertProblem(record(caller.get("/api/v1/groups?limit=many")), 400, ProblemType.VALIDATION);
		assertProblem(record(caller.get("/api/v1/groups?cursor=!!!")), 400, ProblemType.VALIDATION);
		assertProblem(record(caller.get("/api/v1/groups?cursor=bm90LWEtdXVpZA")), 400, ProblemType.VALIDATION);
	}

	private Api.Response record(Api.Response response) {
		seen.add(response);
		return response;
	}

	private static void assertProblem(Api.Response response, int status, ProblemType type) {
		assertThat(response.status()).as(response.raw()).isEqualTo(status);
		assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.path("type").asString()).isEqualTo(type.type().toString());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
	}

	private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

}
