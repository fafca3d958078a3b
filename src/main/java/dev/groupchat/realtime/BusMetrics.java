package dev.groupchat.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The bus meters: {@code groupchat_bus_connected} (1 while the node's bus is connected,
 * as {@link EventBus#connected} answers; always 1 with the in-process bus, which cannot
 * be disconnected), {@code groupchat_bus_lag_seconds} and, for a RabbitMQ bus, the events
 * published, the failed attempts to reach the broker and the publisher's own counts
 * ({@code groupchat_bus_publish_*}, {@link PublishStats}). It watches Spring AMQP's
 * connection factory, template and the node queue's listener container, so the bus itself
 * carries no metrics code.
 */
@Component
class BusMetrics implements ConnectionListener {

	private final Counter failures;

	private final Timer lag;

	BusMetrics(MeterRegistry registry, EventBus bus, ObjectProvider<CachingConnectionFactory> connections,
			ObjectProvider<RabbitTemplate> templates, ObjectProvider<SimpleMessageListenerContainer> listeners,
			ObjectProvider<BusPublisher> publishers) {
		Gauge.builder("groupchat.bus.connected", bus, b -> b.connected() ? 1 : 0)
			.description("1 while this node is connected to the event bus (always 1 with the local bus)")
			.register(registry);
		failures = Counter.builder("groupchat.bus.publish.failures")
			.description("Failed attempts to reach the broker (publishing or reconnecting)")
			.register(registry);
		lag = Timer.builder("groupchat.bus.lag")
			.description("From an event offered to the bus on another node (after its commit) to its arrival here;"
					+ " includes the publish buffer, the broker and the clock difference between the nodes")
			.publishPercentileHistogram()
			.serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
					Duration.ofSeconds(1))
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(registry);
		if (!(bus instanceof RabbitEventBus rabbit)) {
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
		listeners.ifUnique(container -> container.addAfterReceivePostProcessors(message -> {
			if (rabbit.fromOtherNode(message)) {
				arrived(message);
			}
			return message;
		}));
		publishers.ifAvailable(publisher -> publisherCounts(registry, publisher));
	}

	private static void publisherCounts(MeterRegistry registry, BusPublisher publisher) {
		PublishStats stats = publisher.stats();
		FunctionCounter.builder("groupchat.bus.publish.failed", stats, PublishStats::failed)
			.description("Publishes to the broker that failed (the broker was unreachable)")
			.register(registry);
		FunctionCounter.builder("groupchat.bus.publish.unconfirmed", stats, PublishStats::unconfirmed)
			.description("Publishes the broker did not confirm in time")
			.register(registry);
		FunctionCounter.builder("groupchat.bus.publish.dropped", stats, PublishStats::dropped)
			.description("Events not handed to the broker: buffer full, or a message while it was away")
			.register(registry);
		Gauge.builder("groupchat.bus.publish.waiting", publisher, BusPublisher::waiting)
			.description("Events waiting to be published to the broker")
			.register(registry);
	}

	/**
	 * Another node's event reached this node: how long after it was offered there (clock
	 * skew counts as 0).
	 */
	private void arrived(Message message) {
		if (message.getMessageProperties().getHeader(BusPublisher.OFFERED_AT) instanceof Number offeredAt) {
			long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) - offeredAt.longValue();
			lag.record(Math.max(micros, 0), TimeUnit.MICROSECONDS);
		}
	}

	@Override
	public void onCreate(@Nullable Connection connection) {
	}

	@Override
	public void onFailed(Exception exception) {
		failures.increment();
	}

}
