package dev.groupchat.realtime;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health {@code bus}: UP while events reach the other nodes (always with the local bus),
 * DOWN while the RabbitMQ connection is lost. A node whose bus is down still delivers to
 * its own sessions and acks every send; the other nodes read its messages from PostgreSQL
 * meanwhile.
 */
@Component
class BusHealthIndicator extends AbstractHealthIndicator {

	private final EventBus bus;

	private final ObjectProvider<BusPublisher> publisher;

	BusHealthIndicator(EventBus bus, ObjectProvider<BusPublisher> publisher) {
		this.bus = bus;
		this.publisher = publisher;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		(bus.connected() ? builder.up() : builder.down()).withDetail("type",
				bus instanceof LocalEventBus ? "local" : "rabbitmq");
		publisher.ifAvailable(p -> builder.withDetail("waiting", p.waiting())
			.withDetail("failed", p.stats().failed())
			.withDetail("unconfirmed", p.stats().unconfirmed())
			.withDetail("dropped", p.stats().dropped()));
	}

}
