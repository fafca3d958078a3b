package dev.groupchat.notifications;

import dev.groupchat.notifications.PushAnswer.Failed;
import dev.groupchat.notifications.PushAnswer.Retry;
import dev.groupchat.notifications.PushAnswer.Sent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speaks the Matrix push gateway API ({@code POST /_matrix/push/v1/notify}): one request
 * per device, so that each answer concerns one delivery.
 */
@Component
class GatewayClient {

	private final HttpClient http;

	private final JsonMapper json;

	private final PushProperties properties;

	GatewayClient(JsonMapper json, PushProperties properties) {
		this.json = json;
		this.properties = properties;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	}

	PushAnswer notify(Map<String, Object> body, String idempotencyKey) {
		HttpRequest request = HttpRequest.newBuilder(properties.gatewayUrl())
			.timeout(properties.requestTimeout())
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return answer(response);
		}
		catch (IOException ex) {
			return new Retry(ex.getClass().getSimpleName(), OptionalLong.empty());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Retry("interrupted", OptionalLong.empty());
		}
	}

	private PushAnswer answer(HttpResponse<String> response) {
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return new Sent(rejected(response.body()));
		}
		if (status == 429 || status >= 500) {
			return Retry.after("HTTP " + status, response.headers());
		}
		return new Failed("HTTP " + status);
	}

	private List<String> rejected(String body) {
		List<String> found = new ArrayList<>();
		try {
			JsonNode rejected = json.readTree(body).path("rejected");
			rejected.forEach(key -> found.add(key.asString()));
		}
		catch (RuntimeException ex) {
			// a 2xx without a readable body still means delivered
		}
		return found;
	}

}
