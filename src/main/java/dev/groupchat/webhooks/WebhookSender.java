package dev.groupchat.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * One signed POST to an endpoint, bounded in time: {@code connect-timeout} to connect,
 * then {@code read-timeout} for the answer, and never longer than both together.
 * Redirects are not followed (they could point inwards); the answer's body is not read.
 */
@Component
class WebhookSender {

	/**
	 * How an attempt ended: accepted (2xx), or failed with a metric reason and a short
	 * detail.
	 */
	record Result(boolean accepted, @Nullable String reason, @Nullable String detail) {

		static Result ok() {
			return new Result(true, null, null);
		}

		static Result failed(String reason, @Nullable String detail) {
			return new Result(false, reason, detail);
		}

	}

	private final HttpClient http;

	private final WebhookProperties properties;

	private final Clock clock;

	WebhookSender(WebhookProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	Result post(URI url, UUID deliveryId, String secret, String body) {
		long now = clock.instant().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(properties.readTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "groupchat-webhooks")
			.header("Groupchat-Webhook-Id", deliveryId.toString())
			.header("Groupchat-Signature", WebhookSignature.header(secret, now, body))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
		try {
			int status = answer
				.get(properties.connectTimeout().plus(properties.readTimeout()).toMillis(), TimeUnit.MILLISECONDS)
				.statusCode();
			return status / 100 == 2 ? Result.ok() : Result.failed("status", "HTTP " + status);
		}
		catch (TimeoutException ex) {
			answer.cancel(true);
			return Result.failed("timeout", "no answer in time");
		}
		catch (ExecutionException ex) {
			return failure(ex.getCause());
		}
		catch (InterruptedException ex) {
			answer.cancel(true);
			Thread.currentThread().interrupt();
			return Result.failed("timeout", "interrupted");
		}
	}

	private static Result failure(@Nullable Throwable cause) {
		if (cause instanceof HttpConnectTimeoutException) {
			return Result.failed("connection", "connect timed out");
		}
		if (cause instanceof HttpTimeoutException) {
			return Result.failed("timeout", "no answer in time");
		}
		if (cause instanceof IOException) {
			return Result.failed("connection", cause.getClass().getSimpleName());
		}
		return Result.failed("connection", String.valueOf(cause));
	}

}
