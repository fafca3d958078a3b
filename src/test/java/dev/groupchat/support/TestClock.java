package dev.groupchat.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock of every test context (the primary {@link Clock} bean, registered by
 * {@link TestDatabaseInitializer}): the service's own ticking UTC clock plus an offset
 * that a test moves forward, so that a test of an expiry (probation, an invite, a raid
 * window) need not sleep until it passes. Until a test moves it, it answers what the
 * production clock answers. It never goes back: the context is shared by the classes that
 * use it, and rows written later keep later times.
 */
public final class TestClock extends Clock {

	private static final Clock SYSTEM = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

	private final AtomicLong offsetNanos = new AtomicLong();

	/** Moves this clock forward by {@code duration}. */
	public void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("a test clock only moves forward: " + duration);
		}
		offsetNanos.addAndGet(duration.toNanos());
	}

	/** Moves this clock forward until {@code instant} plus {@code margin} has come. */
	public void advancePast(Instant instant, Duration margin) {
		Duration missing = Duration.between(instant(), instant.plus(margin));
		if (!missing.isNegative()) {
			advance(missing);
		}
	}

	@Override
	public Instant instant() {
		return SYSTEM.instant().plusNanos(offsetNanos.get()).truncatedTo(ChronoUnit.MICROS);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		if (!zone.equals(ZoneOffset.UTC)) {
			throw new UnsupportedOperationException("the service works in UTC, not " + zone);
		}
		return this;
	}

}
