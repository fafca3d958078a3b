package dev.groupchat.webhooks;

import dev.groupchat.messaging.History;
import dev.groupchat.shared.DomainException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one attempt at a claimed delivery and records its outcome: accepted rows go,
 * failed ones are retried with exponential backoff and jitter until {@code retry-for} has
 * passed since the event. The body is {@code {id, type, createdAt, groupId, data}};
 * {@code id} is the same on every retry.
 */
@Component
class WebhookDelivery {

	private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

	private final WebhookOutbox outbox;

	private final WebhookSender sender;

	private final AddressGuard guard;

	private final History history;

	private final MessageCreatedData messageCreated;

	private final JsonMapper json;

	private final WebhookMetrics metrics;

	private final WebhookProperties properties;

	private final Clock clock;

	WebhookDelivery(WebhookOutbox outbox, WebhookSender sender, AddressGuard guard, History history,
			MessageCreatedData messageCreated, JsonMapper json, WebhookMetrics metrics, WebhookProperties properties,
			Clock clock) {
		this.outbox = outbox;
		this.sender = sender;
		this.guard = guard;
		this.history = history;
		this.messageCreated = messageCreated;
		this.json = json;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	void attempt(WebhookOutbox.Claimed row) {
		String data = row.data() != null ? row.data() : messageData(row);
		if (data == null) {
			metrics.failed("gone");
			outbox.remove(row.id());
			return;
		}
		WebhookSender.Result result = send(row, body(row, data));
		if (result.accepted()) {
			metrics.delivered();
			outbox.remove(row.id());
			return;
		}
		metrics.failed(Objects.requireNonNull(result.reason(), "a failed result has a reason"));
		if (clock.instant().isAfter(row.createdAt().plus(properties.retryFor()))) {
			metrics.failed("expired");
			log.warn("Webhook {} delivery {} given up after {} attempts: {}", row.webhookId(), row.id(), row.attempts(),
					result.detail());
			outbox.remove(row.id());
			return;
		}
		outbox.retryIn(row.id(), backoff(row.attempts()), result.detail());
	}

	private WebhookSender.Result send(WebhookOutbox.Claimed row, String body) {
		URI url = URI.create(row.url());
		try {
			guard.requireAllowedAddresses(url);
		}
		catch (DomainException refused) {
			return WebhookSender.Result.failed("address", refused.getMessage());
		}
		return sender.post(url, row.id(), row.secret(), body);
	}

	/**
	 * message.created rows carry no JSON from the send: built from the message now, and
	 * kept.
	 */
	private @Nullable String messageData(WebhookOutbox.Claimed row) {
		long seq = Objects.requireNonNull(row.seq(), "a message.created row has a seq");
		return history.find(row.groupId(), seq).map(message -> {
			String data = messageCreated.of(message);
			outbox.freeze(row.id(), data);
			return data;
		}).orElse(null);
	}

	private String body(WebhookOutbox.Claimed row, String data) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", row.id().toString());
		body.put("type", row.type());
		body.put("createdAt", row.createdAt().toString());
		body.put("groupId", row.groupId().toString());
		body.put("data", json.readTree(data));
		return json.writeValueAsString(body);
	}

	/**
	 * Doubles per attempt up to {@code max-backoff}; the wait is drawn from the upper
	 * half.
	 */
	private Duration backoff(int attempts) {
		long initial = properties.initialBackoff().toMillis();
		long ceiling = properties.maxBackoff().toMillis();
		long base = Math.min(ceiling, initial << Math.min(attempts - 1, 30));
		return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
	}

}
