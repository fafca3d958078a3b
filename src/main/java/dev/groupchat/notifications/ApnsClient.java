package dev.groupchat.notifications;

import com.nimbusds.jose.JOSEException;
import dev.groupchat.notifications.PushAnswer.Failed;
import dev.groupchat.notifications.PushAnswer.Gone;
import dev.groupchat.notifications.PushAnswer.Retry;
import dev.groupchat.notifications.PushAnswer.Sent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends APNS devices' notifications through APNs' HTTP/2 API ({@code POST
 * /3/device/{token}}), one request per device over one multiplexed connection,
 * authenticated with a provider token (see {@link ApnsTokens}). 410 Unregistered and 400
 * BadDeviceToken / DeviceTokenNotForTopic remove the device; 429 and 5xx are retried
 * (after {@code Retry-After}); an expired or invalid provider token is renewed once, then
 * retried later; any other answer is kept as FAILED.
 */
@Component
class ApnsClient {

	/** Device tokens are hex today; anything outside this cannot be put in the path. */
	private static final Pattern DEVICE_TOKEN = Pattern.compile("[A-Za-z0-9]{1,200}");

	private static final Pattern REASON = Pattern.compile("[A-Za-z]{1,40}");

	private static final Set<String> TOKEN_REASONS = Set.of("ExpiredProviderToken", "InvalidProviderToken");

	private static final Set<String> GONE_REASONS = Set.of("BadDeviceToken", "DeviceTokenNotForTopic");

	private static final Duration EXPIRATION = Duration.ofDays(1);

	private final JsonMapper json;

	private final PushProperties properties;

	private final Clock clock;

	private final @Nullable HttpClient http;

	private final @Nullable ApnsTokens tokens;

	private final String base;

	ApnsClient(JsonMapper json, PushProperties properties, Clock clock) {
		this.json = json;
		this.properties = properties;
		this.clock = clock;
		PushProperties.Apns apns = properties.apns();
		this.base = apns.url().toString().replaceAll("/+$", "");
		if (apns.key() != null && apns.configured()) {
			this.tokens = new ApnsTokens(ApnsTokens.read(apns.key()), required("key-id", apns.keyId()),
					required("team-id", apns.teamId()), clock);
			required("topic", apns.topic());
			HttpClient.Builder builder = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_2)
				.connectTimeout(Duration.ofSeconds(2));
			if (apns.trustStore() != null && !apns.trustStore().toString().isBlank()) {
				builder.sslContext(trusting(apns.trustStore(), apns.trustStorePassword()));
			}
			this.http = builder.build();
		}
		else {
			this.tokens = null;
			this.http = null;
		}
	}

	private static String required(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(
					"groupchat.push.apns." + name + " is required with groupchat.push.apns.key");
		}
		return value;
	}

	private static SSLContext trusting(Path trustStore, @Nullable String password) {
		char[] secret = password == null ? new char[0] : password.toCharArray();
		try (InputStream in = Files.newInputStream(trustStore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, secret);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("groupchat.push.apns.trust-store: cannot read " + trustStore.getFileName()
					+ " (" + ex.getClass().getSimpleName() + ")", ex);
		}
	}

	PushAnswer send(PushSender.Due due) {
		ApnsTokens tokens = this.tokens;
		HttpClient http = this.http;
		if (tokens == null || http == null) {
			return new Retry("apns not configured", OptionalLong.empty());
		}
		if (!DEVICE_TOKEN.matcher(due.token()).matches()) {
			// what APNs would answer (400 BadDeviceToken), without asking it
			return new Gone();
		}
		String body = json.writeValueAsString(ApnsBody.of(due, properties));
		try {
			String token = tokens.current();
			HttpResponse<String> response = post(http, due, token, body);
			if (response.statusCode() == 403 && TOKEN_REASONS.contains(reason(response))) {
				tokens.invalidate(token);
				response = post(http, due, tokens.current(), body);
			}
			return answer(response);
		}
		catch (JOSEException ex) {
			return new Retry("apns token signing", OptionalLong.empty());
		}
		catch (IOException ex) {
			return new Retry("apns " + ex.getClass().getSimpleName(), OptionalLong.empty());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Retry("interrupted", OptionalLong.empty());
		}
	}

	private HttpResponse<String> post(HttpClient http, PushSender.Due due, String token, String body)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/3/device/" + due.token()))
			.timeout(properties.requestTimeout())
			.header("authorization", "bearer " + token)
			.header("apns-topic", properties.apns().topic())
			.header("apns-push-type", "alert")
			.header("apns-priority", "10")
			.header("apns-collapse-id", ApnsBody.collapseId(due))
			.header("apns-expiration", Long.toString(clock.instant().plus(EXPIRATION).getEpochSecond()))
			.header("content-type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private PushAnswer answer(HttpResponse<String> response) {
		int status = response.statusCode();
		if (status == 200) {
			return new Sent(List.of());
		}
		String reason = reason(response);
		if (status == 410 || (status == 400 && GONE_REASONS.contains(reason))) {
			return new Gone();
		}
		String error = "apns " + status + (reason.isEmpty() ? "" : " " + reason);
		if (status == 429 || status >= 500 || (status == 403 && TOKEN_REASONS.contains(reason))) {
			return Retry.after(error, response.headers());
		}
		return new Failed(error);
	}

	/** APNs' {@code reason} of an error body; empty when there is none. */
	private String reason(HttpResponse<String> response) {
		try {
			String reason = json.readTree(response.body()).path("reason").asString("");
			return REASON.matcher(reason).matches() ? reason : "";
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

}
