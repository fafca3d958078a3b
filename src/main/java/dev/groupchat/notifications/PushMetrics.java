package dev.groupchat.notifications;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What operators watch: pushes sent, retried and failed by reason, devices removed because the
 * gateway rejected them, deliveries queued and the age of the oldest outbox row.
 */
@Component
class PushMetrics {

	private final MeterRegistry registry;

	PushMetrics(MeterRegistry registry, JdbcClient jdbc) {
		this.registry = registry;
		Gauge.builder("groupchat.push.queued", jdbc,
				db -> db.sql("select count(*) from push_delivery where status = 'QUEUED'").query(Long.class).single())
			.description("deliveries waiting to be sent")
			.register(registry);
		Gauge.builder("groupchat.push.outbox.oldest.age", jdbc, db -> db.sql("""
				select coalesce(extract(epoch from now() - min(created_at)), 0) from notification_outbox""")
			.query(Double.class).single())
			.description("seconds the oldest unexpanded outbox row has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	void sent() {
		registry.counter("groupchat.push.sent").increment();
	}

	void retried(String reason) {
		registry.counter("groupchat.push.retried", "reason", reason).increment();
	}

	void failed(String reason) {
		registry.counter("groupchat.push.failed", "reason", reason).increment();
	}

	void rejected(int devices) {
		registry.counter("groupchat.push.devices.rejected").increment(devices);
	}

}
