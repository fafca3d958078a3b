package dev.groupchat.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The realtime counters and timers. Every meter is created once here, so the hot paths (a
 * frame queued, a delivery) only increment a pre-built meter; no tag is looked up per
 * call.
 */
@Component
class RealtimeMeters {

	private final Counter framesSent;

	private final Counter framesDropped;

	private final Counter deliveries;

	private final Counter connects;

	private final Map<CloseReason, Counter> disconnects = new EnumMap<>(CloseReason.class);

	private final Counter gapFills;

	private final Counter resyncs;

	private final DistributionSummary replays;

	private final Timer fanout;

	private final Counter busReceived;

	private final Counter busPublished;

	private volatile boolean shuttingDown;

	RealtimeMeters(MeterRegistry registry) {
		framesSent = Counter.builder("groupchat.realtime.frames.sent")
			.description("STOMP frames handed to the WebSocket for writing")
			.register(registry);
		framesDropped = Counter.builder("groupchat.realtime.frames.dropped")
			.description("Frames discarded because their session was closing or had overflowed")
			.register(registry);
		deliveries = Counter.builder("groupchat.deliveries")
			.description("Live group events queued to a subscriber (one per subscriber per event)")
			.register(registry);
		connects = Counter.builder("groupchat.realtime.connects")
			.description("Successful STOMP CONNECTs")
			.register(registry);
		for (CloseReason reason : CloseReason.values()) {
			disconnects.put(reason,
					Counter.builder("groupchat.realtime.disconnects")
						.description("Closed STOMP connections by reason")
						.tag("reason", reason.tag())
						.register(registry));
		}
		gapFills = Counter.builder("groupchat.realtime.gap.fills")
			.description("Seq gaps filled from the database after waiting for a lost or late event")
			.register(registry);
		resyncs = Counter.builder("groupchat.realtime.resync.required")
			.description("Resumes that missed more than the resume limit and were told to reload")
			.register(registry);
		replays = DistributionSummary.builder("groupchat.realtime.resume.replay.size")
			.description("Messages replayed to a resuming subscription")
			.publishPercentileHistogram()
			.maximumExpectedValue(1_000.0)
			.register(registry);
		fanout = Timer.builder("groupchat.fanout")
			.description("From the event's arrival at this node's fan-out (its commit, with the local bus)"
					+ " to its last frame queued")
			.publishPercentileHistogram()
			.serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
					Duration.ofMillis(250))
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
		busReceived = Counter.builder("groupchat.bus.received")
			.description("Events this node's fan-out received from the bus")
			.register(registry);
		busPublished = Counter.builder("groupchat.bus.published")
			.description("Events published to the bus")
			.register(registry);
	}

	void frameSent() {
		framesSent.increment();
	}

	void framesDropped(int count) {
		if (count > 0) {
			framesDropped.increment(count);
		}
	}

	void delivered(int subscribers, long arrivedNanos) {
		deliveries.increment(subscribers);
		if (arrivedNanos != 0) {
			fanout.record(System.nanoTime() - arrivedNanos, TimeUnit.NANOSECONDS);
		}
	}

	void connected() {
		connects.increment();
	}

	/**
	 * Counts a closed connection; one the server did not close is the client's, or the
	 * shutdown's.
	 */
	void disconnected(CloseReason reason) {
		Objects
			.requireNonNull(
					disconnects.get(reason == CloseReason.CLIENT && shuttingDown ? CloseReason.SHUTDOWN : reason))
			.increment();
	}

	void gapFilled() {
		gapFills.increment();
	}

	void resyncRequired() {
		resyncs.increment();
	}

	void replayed(int messages) {
		replays.record(messages);
	}

	void busReceived() {
		busReceived.increment();
	}

	/**
	 * Publishes on the local bus (a broker bus counts through its own hooks, see
	 * {@link BusMetrics}).
	 */
	void busPublished() {
		busPublished.increment();
	}

	@EventListener(ContextClosedEvent.class)
	void shuttingDown() {
		shuttingDown = true;
	}

}
