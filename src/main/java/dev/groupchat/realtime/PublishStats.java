package dev.groupchat.realtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What went wrong publishing to the broker, counted for metrics and health, and logged at
 * most once per ten seconds with the running counts; never with an event's content.
 */
final class PublishStats {

	private static final Logger log = LoggerFactory.getLogger(BusPublisher.class);

	private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong unconfirmed = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final IntSupplier waiting;

	private volatile long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

	PublishStats(IntSupplier waiting) {
		this.waiting = waiting;
	}

	/** A publish that did not reach the broker. */
	void failed(String what, @Nullable Throwable cause) {
		failed.incrementAndGet();
		warn(what, cause);
	}

	/** A publish the broker refused or did not confirm in time. */
	void unconfirmed(Throwable cause) {
		unconfirmed.incrementAndGet();
		warn("the broker did not confirm a publish", cause);
	}

	/** An event never handed to the broker. */
	void dropped(@Nullable String what) {
		dropped.incrementAndGet();
		if (what != null) {
			warn(what, null);
		}
	}

	long failed() {
		return failed.get();
	}

	long unconfirmed() {
		return unconfirmed.get();
	}

	long dropped() {
		return dropped.get();
	}

	private void warn(String what, @Nullable Throwable cause) {
		long now = System.nanoTime();
		if (now - lastWarning < WARN_EVERY_NANOS) {
			return;
		}
		lastWarning = now;
		log.warn("Event bus: {} ({}); so far {} publishes failed, {} unconfirmed, {} events dropped, {} waiting", what,
				cause == null ? "no detail" : cause.toString(), failed.get(), unconfirmed.get(), dropped.get(),
				waiting.getAsInt());
	}

}
