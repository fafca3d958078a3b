package dev.groupchat.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Consumer;

/**
 * Hands one event to many subscribers: on the calling thread below {@code threshold},
 * else in parallel slices on the pool (two per pool thread), returning when all are done.
 * Each subscriber is in exactly one slice, written by one thread in array order, so the
 * order of the events each subscriber gets holds.
 */
final class SlicedDelivery {

	private final ForkJoinPool pool;

	private final int threshold;

	SlicedDelivery(ForkJoinPool pool, int threshold) {
		this.pool = pool;
		this.threshold = threshold;
	}

	<T> void deliver(T[] targets, Consumer<? super T> send) {
		if (targets.length < threshold) {
			for (T target : targets) {
				send.accept(target);
			}
			return;
		}
		int slices = pool.getParallelism() * 2;
		int sliceSize = (targets.length + slices - 1) / slices;
		List<ForkJoinTask<?>> work = new ArrayList<>(slices);
		for (int from = 0; from < targets.length; from += sliceSize) {
			int start = from;
			int end = Math.min(targets.length, from + sliceSize);
			work.add(ForkJoinTask.adapt(() -> {
				for (int i = start; i < end; i++) {
					send.accept(targets[i]);
				}
			}));
		}
		ForkJoinTask.invokeAll(work);
	}

}
