package dev.groupchat.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code groupchat_bus_connected} (1 while the node's bus is connected, as {@link EventBus#connected}
 * answers; always 1 with the in-process bus, which cannot be disconnected), and for a RabbitMQ bus
 * the events published and the failed attempts to reach the broker. It watches Spring AMQP's
 * connection factory and template, so the bus itself carries no metrics code (the publisher's own
 * counts, {@code groupchat_bus_publish_*}, are registered with it in {@link RabbitBusConfiguration}).
 */
@Component
class BusMetrics implements ConnectionListener {

	private final Counter failures;

	BusMetrics(MeterRegistry registry, @Value("${groupchat.bus.type:local}") String busType, EventBus bus,
			ObjectProvider<CachingConnectionFactory> connections, ObjectProvider<RabbitTemplate> templates) {
		Gauge.builder("groupchat.bus.connected", bus, b -> b.connected() ? 1 : 0)
			.description("1 while this node is connected to the event bus (always 1 with the local bus)")
			.register(registry);
		failures = Counter.builder("groupchat.bus.publish.failures")
			.description("Failed attempts to reach the broker (publishing or reconnecting)")
			.register(registry);
		if (!"rabbitmq".equals(busType)) {
			return;
		}
		Counter published = Counter.builder("groupchat.bus.published")
			.description("Events published to the bus")
			.register(registry);
		connections.ifAvailable(factory -> factory.addConnectionListener(this));
		templates.ifAvailable(template -> template.addBeforePublishPostProcessors(message -> {
			published.increment();
			return message;
		}));
	}

	@Override
	public void onCreate(Connection connection) {
	}

	@Override
	public void onFailed(Exception exception) {
		failures.increment();
	}

}
