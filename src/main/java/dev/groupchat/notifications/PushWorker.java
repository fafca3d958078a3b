package dev.groupchat.notifications;

import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One worker thread per node while push is configured: expands outbox rows and sends due
 * deliveries, resting {@code pollInterval} when there is nothing to do. Nodes share the
 * work through {@code SKIP LOCKED}, without a coordinator.
 */
@Component
class PushWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PushWorker.class);

	private final OutboxExpander expander;

	private final PushSender sender;

	private final PushProperties properties;

	private volatile @Nullable Thread thread;

	PushWorker(OutboxExpander expander, PushSender sender, PushProperties properties) {
		this.expander = expander;
		this.sender = sender;
		this.properties = properties;
	}

	@Override
	public void start() {
		if (properties.enabled()) {
			// assigned before it starts: the loop runs while it is the current worker
			Thread worker = Thread.ofPlatform().name("push-worker").daemon().unstarted(this::run);
			thread = worker;
			worker.start();
		}
	}

	private void run() {
		while (thread == Thread.currentThread() && !Thread.currentThread().isInterrupted()) {
			boolean busy = false;
			try {
				busy = expander.step();
				busy |= sender.step() > 0;
			}
			catch (RuntimeException ex) {
				log.warn("Push worker step failed: {}", ex.getClass().getSimpleName());
			}
			if (!busy) {
				LockSupport.parkNanos(properties.pollInterval().toNanos());
			}
		}
	}

	@Override
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

	@Override
	public boolean isRunning() {
		return thread != null;
	}

}
