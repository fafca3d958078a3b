package dev.groupchat.shared;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform thread that runs a step again and again, resting {@code pollInterval}
 * after a step that found no work: the loop of the outbox workers (push, webhooks). A
 * failed step is logged by its exception's class only (never a message that could carry
 * user data) and the loop goes on. {@link #stop} interrupts it and waits at most 5 s.
 * <p>
 * A loop that {@link #giveWay gives way} to sends works back to back only while no send
 * is waiting: while one is, it rests after each step so that it works at most
 * {@code share} of the time (a step of 20 ms at a share of 0.25 is followed by 60 ms of
 * rest). Acknowledgements come first; the background work catches up when the sends ease,
 * and is never stopped (it goes on at its share under any load).
 */
public final class PollingLoop {

	private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);

	/** The longest rest after one step, however long it took. */
	private static final long MAX_REST_NANOS = 5_000_000_000L;

	private final String name;

	private final Duration pollInterval;

	private final BooleanSupplier step;

	private volatile @Nullable Thread thread;

	private SendPressure pressure = SendPressure.NONE;

	private double share = 1;

	/**
	 * {@code step} answers whether it found work (then the next step follows at once).
	 */
	public PollingLoop(String name, Duration pollInterval, BooleanSupplier step) {
		this.name = name;
		this.pollInterval = pollInterval;
		this.step = step;
	}

	/**
	 * Rests after each step while {@code pressure} says sends are waiting, so that the
	 * loop works at most {@code share} (0 to 1, exclusive of 0) of the time; 1 never
	 * rests. Call before {@link #start}.
	 */
	public PollingLoop giveWay(SendPressure pressure, double share) {
		if (!(share > 0 && share <= 1)) {
			throw new IllegalArgumentException("share must be in (0, 1]: " + share);
		}
		this.pressure = pressure;
		this.share = share;
		return this;
	}

	public void start() {
		// assigned before it starts: the loop runs while it is the current thread
		Thread worker = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
		thread = worker;
		worker.start();
	}

	private void run() {
		while (thread == Thread.currentThread() && !Thread.currentThread().isInterrupted()) {
			boolean busy = false;
			long started = System.nanoTime();
			try {
				busy = step.getAsBoolean();
			}
			catch (RuntimeException ex) {
				log.warn("{} step failed: {}", name, ex.getClass().getSimpleName());
			}
			if (!busy) {
				LockSupport.parkNanos(pollInterval.toNanos());
			}
			else if (share < 1 && pressure.sendsWaiting()) {
				long worked = System.nanoTime() - started;
				rest(Math.min(MAX_REST_NANOS, (long) (worked * (1 - share) / share)));
			}
		}
	}

	/** Parks for {@code nanos} (parking may return early), or until interrupted. */
	private static void rest(long nanos) {
		long until = System.nanoTime() + nanos;
		for (long left = nanos; left > 0 && !Thread.currentThread().isInterrupted(); left = until - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

	public void stop() {
		Thread running = thread;
		thread = null;
		if (running != null) {
			running.interrupt();
			try {
				running.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public boolean isRunning() {
		return thread != null;
	}

}
