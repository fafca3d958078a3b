package dev.groupchat.realtime;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order they were submitted, on a shared pool: the state
 * a task touches needs no lock, and a busy group never holds a thread while it has
 * nothing to do.
 */
final class SerialExecutor implements Executor, Runnable {

	private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

	private static final int BATCH = 64;

	private final Executor pool;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final AtomicInteger size = new AtomicInteger();

	SerialExecutor(Executor pool) {
		this.pool = pool;
	}

	/**
	 * Queues a task whatever the queue's length (control tasks: subscribe, unsubscribe,
	 * catch-up).
	 */
	@Override
	public void execute(Runnable task) {
		size.incrementAndGet();
		tasks.add(task);
		if (scheduled.compareAndSet(false, true)) {
			pool.execute(this);
		}
	}

	/**
	 * Queues a task unless {@code capacity} tasks are already waiting; false when it was
	 * not queued.
	 */
	boolean offer(Runnable task, int capacity) {
		if (size.get() >= capacity) {
			return false;
		}
		execute(task);
		return true;
	}

	@Override
	public void run() {
		try {
			for (int i = 0; i < BATCH; i++) {
				Runnable task = tasks.poll();
				if (task == null) {
					break;
				}
				size.decrementAndGet();
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					log.error("A fan-out task failed", ex);
				}
			}
		}
		finally {
			scheduled.set(false);
			if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
				pool.execute(this);
			}
		}
	}

}
