package dev.groupchat.webhooks;

import dev.groupchat.shared.PollingLoop;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One claiming thread per node: it claims as many due deliveries as there are free slots
 * ({@code concurrency}) and runs each on a virtual thread, so one hanging endpoint holds
 * one slot and no database connection. Nodes share the outbox through {@code SKIP LOCKED}
 * and leases, without a coordinator. Nothing on the send path waits for it.
 */
@Component
class WebhookWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);

	private static final long ORPHAN_SWEEP_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final WebhookOutbox outbox;

	private final WebhookDelivery delivery;

	private final WebhookProperties properties;

	private final Semaphore slots;

	private final PollingLoop loop;

	/** Touched by the loop's thread only. */
	private long lastSweep = System.nanoTime();

	private volatile @Nullable ExecutorService attempts;

	WebhookWorker(WebhookOutbox outbox, WebhookDelivery delivery, WebhookProperties properties) {
		this.outbox = outbox;
		this.delivery = delivery;
		this.properties = properties;
		this.slots = new Semaphore(properties.concurrency());
		this.loop = new PollingLoop("webhook-worker", properties.pollInterval(), this::step);
	}

	@Override
	public void start() {
		attempts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-delivery-", 0).factory());
		loop.start();
	}

	/** Claims and starts what it can; now and then removes rows of deleted endpoints. */
	private boolean step() {
		int claimed = claim();
		if (System.nanoTime() - lastSweep > ORPHAN_SWEEP_NANOS) {
			outbox.removeOrphans();
			lastSweep = System.nanoTime();
		}
		return claimed > 0;
	}

	private int claim() {
		int free = slots.availablePermits();
		if (free == 0) {
			return 0;
		}
		ExecutorService executor = attempts;
		if (executor == null) {
			return 0;
		}
		List<WebhookOutbox.Claimed> rows = outbox.claim(free, properties.lease());
		for (WebhookOutbox.Claimed row : rows) {
			slots.acquireUninterruptibly();
			executor.execute(() -> {
				try {
					delivery.attempt(row);
				}
				catch (RuntimeException ex) {
					log.warn("Webhook delivery {} failed: {}", row.id(), ex.getClass().getSimpleName());
				}
				finally {
					slots.release();
				}
			});
		}
		return rows.size();
	}

	@Override
	public void stop() {
		loop.stop();
		ExecutorService executor = attempts;
		if (executor != null) {
			// an attempt cut short keeps its lease: another node (or this one, restarted)
			// tries it again
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return loop.isRunning();
	}

}
