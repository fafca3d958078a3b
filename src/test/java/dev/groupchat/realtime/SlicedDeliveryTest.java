package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handing one event to many subscribers, without sessions. */
class SlicedDeliveryTest {

	private final ForkJoinPool pool = new ForkJoinPool(4);

	@AfterEach
	void stop() {
		pool.shutdownNow();
	}

	private static Integer[] targets(int count) {
		return IntStream.range(0, count).boxed().toArray(Integer[]::new);
	}

	@Test
	void fewTargetsAreWrittenOnTheCallingThreadInOrder() {
		SlicedDelivery delivery = new SlicedDelivery(pool, 10);
		List<Integer> written = new CopyOnWriteArrayList<>();
		Thread caller = Thread.currentThread();
		List<Thread> threads = new CopyOnWriteArrayList<>();

		delivery.deliver(targets(9), target -> {
			written.add(target);
			threads.add(Thread.currentThread());
		});

		assertThat(written).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
		assertThat(threads).containsOnly(caller);
	}

	@Test
	void manyTargetsEachGetTheEventOnceBeforeDeliverReturns() {
		SlicedDelivery delivery = new SlicedDelivery(pool, 10);
		Map<Integer, Integer> counts = new ConcurrentHashMap<>();

		pool.submit(() -> delivery.deliver(targets(1_001), target -> counts.merge(target, 1, Integer::sum))).join();

		assertThat(counts).hasSize(1_001);
		assertThat(counts.values()).containsOnly(1);
	}

	@Test
	void eachTargetStaysInOneSliceSoItsEventsKeepTheirOrder() {
		SlicedDelivery delivery = new SlicedDelivery(pool, 10);
		Integer[] targets = targets(500);
		Map<Integer, List<Integer>> received = new ConcurrentHashMap<>();

		pool.submit(() -> {
			for (int event = 0; event < 50; event++) {
				int e = event;
				delivery.deliver(targets,
						target -> received.computeIfAbsent(target, t -> new CopyOnWriteArrayList<>()).add(e));
			}
		}).join();

		List<Integer> inOrder = IntStream.range(0, 50).boxed().toList();
		assertThat(received).hasSize(500);
		assertThat(received.values()).allSatisfy(events -> assertThat(events).isEqualTo(inOrder));
	}

	@Test
	void noTargetsIsNothingToDo() {
		new SlicedDelivery(pool, 10).deliver(new Integer[0], target -> {
			throw new AssertionError("no target");
		});
	}

}
