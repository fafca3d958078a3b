package dev.groupchat.realtime;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order they were submitted, on a shared pool: the state a task
 * touches needs no lock, and a busy group never holds a thread while it has nothing to do.
 */
final class SerialExecutor implements Executor, Runnable {

	private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

	private static final int BATCH = 64;

	private final Executor pool;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	SerialExecutor(Executor pool) {
		this.pool = pool;
	}

	@Override
	public void execute(Runnable task) {
		tasks.add(task);
		if (scheduled.compareAndSet(false, true)) {
			pool.execute(this);
		}
	}

	@Override
	public void run() {
		try {
			for (int i = 0; i < BATCH; i++) {
				Runnable task = tasks.poll();
				if (task == null) {
					break;
				}
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
