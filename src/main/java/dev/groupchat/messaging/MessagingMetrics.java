package dev.groupchat.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The writer's meters: messages stored by type, its queue depth, batch sizes and failed
 * batches; and the poll updates' cache ({@code cache="poll_updates"}). Built once; the
 * writer only increments them.
 */
@Component
class MessagingMetrics {

	private final MeterRegistry registry;

	private final Map<MessageType, Counter> stored = new EnumMap<>(MessageType.class);

	private final DistributionSummary batchSize;

	private final Counter batchFailures;

	MessagingMetrics(MeterRegistry registry, PollUpdates polls) {
		this.registry = registry;
		CaffeineCacheMetrics.monitor(registry, polls.lastSent(), "poll_updates");
		for (MessageType type : MessageType.values()) {
			stored.put(type,
					Counter.builder("groupchat.messages.stored")
						.description("Messages committed to the history, by type")
						.tag("type", type.name().toLowerCase(Locale.ROOT))
						.register(registry));
		}
		batchSize = DistributionSummary.builder("groupchat.writer.batch.size")
			.description("Messages per writer batch (one transaction, one commit)")
			.publishPercentileHistogram()
			.maximumExpectedValue(1_000.0)
			.register(registry);
		batchFailures = Counter.builder("groupchat.writer.batch.failures")
			.description("Writer batches that failed as a whole (their messages were then retried one by one)")
			.register(registry);
	}

	/**
	 * Reports the writer's queued messages (all its queues) as
	 * {@code groupchat_writer_queue_depth}.
	 */
	void watchQueue(Supplier<Number> depth) {
		Gauge.builder("groupchat.writer.queue.depth", depth)
			.description("Messages waiting for the writer on this node")
			.register(registry);
	}

	void stored(MessageType type) {
		Objects.requireNonNull(stored.get(type)).increment();
	}

	void batch(int size) {
		batchSize.record(size);
	}

	void batchFailed() {
		batchFailures.increment();
	}

}
