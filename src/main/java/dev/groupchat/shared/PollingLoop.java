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
 */
public final class PollingLoop {

	private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);

	private final String name;

	private final Duration pollInterval;

	private final BooleanSupplier step;

	private volatile @Nullable Thread thread;

	/**
	 * {@code step} answers whether it found work (then the next step follows at once).
	 */
	public PollingLoop(String name, Duration pollInterval, BooleanSupplier step) {
		this.name = name;
		this.pollInterval = pollInterval;
		this.step = step;
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
			try {
				busy = step.getAsBoolean();
			}
			catch (RuntimeException ex) {
				log.warn("{} step failed: {}", name, ex.getClass().getSimpleName());
			}
			if (!busy) {
				LockSupport.parkNanos(pollInterval.toNanos());
			}
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
