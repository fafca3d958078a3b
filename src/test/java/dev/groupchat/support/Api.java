package dev.groupchat.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client of the running service, as the mobile app would be: JSON over HTTP
 * with a bearer token. {@code api.as("alice").post(...)}.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final String token;

	public Api(int port) {
		this("http://localhost:" + port, null);
	}

	private Api(String base, String token) {
		this.base = base;
		this.token = token;
	}

	/** This client acting as the given user (token with a {@code name} claim). */
	public Api as(String userId) {
		return withToken(TestTokens.token(userId));
	}

	public Api as(String userId, Map<String, Object> claims) {
		return withToken(TestTokens.token(userId, claims));
	}

	public Api withToken(String bearer) {
		return new Api(base, bearer);
	}

	public Api anonymous() {
		return new Api(base, null);
	}

	public Response get(String path) {
		return send("GET", path, null, null);
	}

	public Response post(String path, Object body) {
		return send("POST", path, body, "application/json");
	}

	public Response put(String path, Object body) {
		return send("PUT", path, body, "application/json");
	}

	public Response patch(String path, Object body) {
		return send("PATCH", path, body, "application/json");
	}

	public Response delete(String path) {
		return send("DELETE", path, null, null);
	}

	/** Sends a raw body with the given content type, for malformed-input tests. */
	public Response send(String method, String path, Object body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A response: status, headers and the body parsed as JSON when there is one. */
	public record Response(int status, HttpHeaders headers, String raw) {

		public JsonNode json() {
			return raw == null || raw.isEmpty() ? JSON.missingNode() : JSON.readTree(raw);
		}

		public String text(String field) {
			return json().path(field).asString();
		}

		public String contentType() {
			return headers.firstValue("Content-Type").orElse("");
		}

		@Override
		public String toString() {
			return status + " " + raw;
		}

	}

}
