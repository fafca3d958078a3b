package dev.groupchat.notifications;

import dev.groupchat.notifications.PushAnswer.Failed;
import dev.groupchat.notifications.PushAnswer.Gone;
import dev.groupchat.notifications.PushAnswer.Retry;
import dev.groupchat.notifications.PushAnswer.Sent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends FCM devices' notifications through FCM HTTP v1 ({@code POST
 * /v1/projects/{project}/messages:send}), one request per device. A token FCM calls
 * UNREGISTERED removes the device; 429 and 5xx are retried (after {@code Retry-After}); a
 * refused access token is renewed once, then retried later.
 */
@Component
class FcmClient {

	private static final Pattern ERROR_CODE = Pattern.compile("[A-Z_]{1,40}");

	private final HttpClient http;

	private final JsonMapper json;

	private final PushProperties properties;

	private final @Nullable FcmTokens tokens;

	private final @Nullable URI send;

	FcmClient(JsonMapper json, PushProperties properties, Clock clock) {
		this.json = json;
		this.properties = properties;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		PushProperties.Fcm fcm = properties.fcm();
		if (fcm.credentials() != null && fcm.configured()) {
			FcmAccount account = FcmAccount.read(fcm.credentials(), json);
			String project = fcm.projectId() == null || fcm.projectId().isBlank() ? account.projectId()
					: fcm.projectId();
			this.tokens = new FcmTokens(account, http, json, clock, properties.requestTimeout());
			this.send = URI
				.create(fcm.url().toString().replaceAll("/+$", "") + "/v1/projects/" + project + "/messages:send");
		}
		else {
			this.tokens = null;
			this.send = null;
		}
	}

	PushAnswer send(PushSender.Due due) {
		FcmTokens tokens = this.tokens;
		URI send = this.send;
		if (tokens == null || send == null) {
			return new Retry("fcm not configured", OptionalLong.empty());
		}
		String body = json.writeValueAsString(FcmBody.of(due, properties));
		try {
			String token = tokens.current();
			HttpResponse<String> response = post(send, token, body);
			if (response.statusCode() == 401 || response.statusCode() == 403) {
				tokens.invalidate(token);
				response = post(send, tokens.current(), body);
			}
			return answer(response);
		}
		catch (FcmTokens.Unavailable ex) {
			return new Retry(ex.reason(), OptionalLong.empty());
		}
		catch (IOException ex) {
			return new Retry("fcm " + ex.getClass().getSimpleName(), OptionalLong.empty());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Retry("interrupted", OptionalLong.empty());
		}
	}

	private HttpResponse<String> post(URI send, String token, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(send)
			.timeout(properties.requestTimeout())
			.header("Content-Type", "application/json; charset=UTF-8")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private PushAnswer answer(HttpResponse<String> response) {
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return new Sent(List.of());
		}
		String code = errorCode(response.body());
		if ("UNREGISTERED".equals(code) && (status == 404 || status == 400)) {
			return new Gone();
		}
		if (status == 429 || status >= 500 || status == 401 || status == 403) {
			return Retry.after("fcm HTTP " + status, response.headers());
		}
		return new Failed("fcm HTTP " + status + (code.isEmpty() ? "" : " " + code));
	}

	/**
	 * The FcmError's errorCode of an error body, else its status
	 * ({@code INVALID_ARGUMENT}); empty when neither is there.
	 */
	private String errorCode(String body) {
		try {
			JsonNode error = json.readTree(body).path("error");
			for (JsonNode detail : error.path("details")) {
				String code = detail.path("errorCode").asString("");
				if (ERROR_CODE.matcher(code).matches()) {
					return code;
				}
			}
			String status = error.path("status").asString("");
			return ERROR_CODE.matcher(status).matches() ? status : "";
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

}
