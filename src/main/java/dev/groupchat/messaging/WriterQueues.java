package dev.groupchat.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queues and threads of the {@link MessageWriter}: one bounded queue and one thread
 * per writer, each owning the groups that hash to it. A thread takes whatever its queue
 * holds, up to {@code maxBatch}, and hands it to the batch handler; on {@link #stop} it
 * finishes what is queued first.
 */
final class WriterQueues {

	private static final Logger log = LoggerFactory.getLogger(WriterQueues.class);

	private final List<BlockingQueue<PendingMessage>> queues = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private final int maxBatch;

	private final Consumer<List<PendingMessage>> handler;

	private final AtomicInteger batchesInFlight = new AtomicInteger();

	private volatile boolean running;

	private volatile boolean accepting = true;

	WriterQueues(int writers, int capacity, int maxBatch, Consumer<List<PendingMessage>> handler) {
		this.maxBatch = maxBatch;
		this.handler = handler;
		for (int i = 0; i < writers; i++) {
			queues.add(new LinkedBlockingQueue<>(capacity));
		}
	}

	/** Whether new messages are taken (false once draining or stopped). */
	boolean isAccepting() {
		return accepting;
	}

	boolean isRunning() {
		return running;
	}

	/** Messages waiting in all queues. */
	int depth() {
		return queues.stream().mapToInt(BlockingQueue::size).sum();
	}

	/** Whether a batch is being stored or messages wait for one. */
	boolean busy() {
		return batchesInFlight.get() > 0 || depth() > 0;
	}

	/** The writer that owns {@code groupId}. */
	int writerOf(UUID groupId) {
		return Math.floorMod(groupId.hashCode(), queues.size());
	}

	/**
	 * Queues a message for its group's writer, waiting at most {@code timeout} for room;
	 * answers whether it was queued.
	 */
	boolean offer(PendingMessage pending, Duration timeout) throws InterruptedException {
		return queues.get(writerOf(pending.groupId())).offer(pending, timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Starts one thread per queue. */
	void start() {
		running = true;
		accepting = true;
		for (int i = 0; i < queues.size(); i++) {
			BlockingQueue<PendingMessage> queue = queues.get(i);
			threads.add(Thread.ofPlatform().name("message-writer-" + i).daemon().start(() -> work(queue)));
		}
	}

	private void work(BlockingQueue<PendingMessage> queue) {
		List<PendingMessage> batch = new ArrayList<>(maxBatch);
		while (running || !queue.isEmpty()) {
			try {
				PendingMessage first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, maxBatch - 1);
				batchesInFlight.incrementAndGet();
				try {
					handler.accept(batch);
				}
				finally {
					batchesInFlight.decrementAndGet();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("Message writer failed on a batch of {}", batch.size(), ex);
			}
			finally {
				batch.clear();
			}
		}
	}

	/**
	 * Stops taking new messages and waits, at most {@code timeout}, until every queued
	 * one is handled. Answers whether all were.
	 */
	boolean drain(Duration timeout) {
		accepting = false;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (queues.stream().anyMatch(queue -> !queue.isEmpty()) || batchesInFlight.get() > 0) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(5_000_000);
		}
		return true;
	}

	/**
	 * Stops the threads (each handles what its queue holds first, waited for up to 5 s)
	 * and gives {@code left} whatever is still queued after that.
	 */
	void stop(Consumer<PendingMessage> left) {
		accepting = false;
		running = false;
		for (Thread thread : threads) {
			try {
				thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		threads.clear();
		for (BlockingQueue<PendingMessage> queue : queues) {
			for (PendingMessage pending; (pending = queue.poll()) != null;) {
				left.accept(pending);
			}
		}
	}

}
