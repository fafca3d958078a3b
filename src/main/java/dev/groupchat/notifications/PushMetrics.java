package dev.groupchat.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What operators watch: pushes sent, retried and failed by reason, devices removed
 * because the gateway or FCM said their token is gone, deliveries queued and the age of
 * the oldest outbox row. The untagged meters exist from the start (0 while push is off),
 * so that rates and alerts on them never see a missing series; the ones tagged by reason
 * appear with their first reason.
 */
@Component
class PushMetrics {

	private final MeterRegistry registry;

	private final Counter sent;

	private final Counter rejected;

	PushMetrics(MeterRegistry registry, JdbcClient jdbc) {
		this.registry = registry;
		sent = Counter.builder("groupchat.push.sent")
			.description("pushes a provider (gateway or FCM) accepted")
			.register(registry);
		rejected = Counter.builder("groupchat.push.devices.rejected")
			.description("devices removed because the gateway or FCM said their token is gone")
			.register(registry);
		Gauge.builder("groupchat.push.queued", jdbc,
				db -> db.sql("select count(*) from push_delivery where status = 'QUEUED'").query(Long.class).single())
			.description("deliveries waiting to be sent")
			.register(registry);
		Gauge
			.builder("groupchat.push.outbox.oldest.age", jdbc,
					db -> db.sql("""
							select coalesce(extract(epoch from now() - min(created_at)), 0) from notification_outbox""")
						.query(Double.class)
						.single())
			.description("seconds the oldest unexpanded outbox row has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	void sent() {
		sent.increment();
	}

	void retried(String reason) {
		registry.counter("groupchat.push.retried", "reason", reason).increment();
	}

	void failed(String reason) {
		registry.counter("groupchat.push.failed", "reason", reason).increment();
	}

	void rejected(int devices) {
		rejected.increment(devices);
	}

}
