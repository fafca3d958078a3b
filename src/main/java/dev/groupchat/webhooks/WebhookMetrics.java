package dev.groupchat.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What operators watch: deliveries that succeeded, failed attempts by reason, how many
 * outbox rows wait and how long the oldest has waited. Every meter exists from startup,
 * at zero. The gauges read the shared outbox table when scraped (as the push gauges do),
 * so every node reports the same values.
 */
@Component
class WebhookMetrics {

	/**
	 * Why an attempt failed: an answer other than 2xx, no answer in time, no connection,
	 * an address the SSRF guard refused, retried for too long (given up), or the message
	 * is gone.
	 */
	static final List<String> REASONS = List.of("status", "timeout", "connection", "address", "expired", "gone");

	private final MeterRegistry registry;

	private final Counter delivered;

	WebhookMetrics(MeterRegistry registry, JdbcClient jdbc) {
		this.registry = registry;
		this.delivered = Counter.builder("groupchat.webhooks.delivered")
			.description("webhook deliveries an endpoint accepted (2xx)")
			.register(registry);
		REASONS.forEach(this::failedCounter);
		Gauge
			.builder("groupchat.webhooks.queued", jdbc,
					db -> db.sql("select count(*) from webhook_outbox").query(Long.class).single())
			.description("webhook events waiting to be delivered (one per event and endpoint)")
			.register(registry);
		Gauge
			.builder("groupchat.webhooks.outbox.oldest.age", jdbc,
					db -> db.sql("""
							select coalesce(extract(epoch from now() - min(created_at)), 0) from webhook_outbox""")
						.query(Double.class)
						.single())
			.description("seconds the oldest undelivered webhook event has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	void delivered() {
		delivered.increment();
	}

	void failed(String reason) {
		failedCounter(reason).increment();
	}

	private Counter failedCounter(String reason) {
		return Counter.builder("groupchat.webhooks.failed")
			.description("failed webhook delivery attempts, by reason")
			.tag("reason", reason)
			.register(registry);
	}

}
