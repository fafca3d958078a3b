package dev.groupchat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A loop that gives way to sends rests after each step while sends wait, in proportion to
 * how long the step worked, and works back to back otherwise.
 */
class PollingLoopTest {

	private static final long STEP_MILLIS = 40;

	@Test
	void whileSendsWaitALoopWorksAtMostItsShareOfTheTime() throws InterruptedException {
		List<Long> starts = new CopyOnWriteArrayList<>();
		CountDownLatch steps = new CountDownLatch(4);
		PollingLoop loop = new PollingLoop("test-loop", Duration.ofMinutes(1), () -> {
			starts.add(System.nanoTime());
			sleep(STEP_MILLIS);
			steps.countDown();
			return true;
		}).giveWay(() -> true, 0.2);
		loop.start();
		try {
			assertThat(steps.await(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			loop.stop();
		}
		// a step of at least 40 ms at a share of 0.2 is followed by at least 160 ms of
		// rest
		for (int i = 1; i < 4; i++) {
			assertThat(TimeUnit.NANOSECONDS.toMillis(starts.get(i) - starts.get(i - 1)))
				.as("from step %d to step %d", i, i + 1)
				.isGreaterThanOrEqualTo(5 * STEP_MILLIS - 2);
		}
	}

	@Test
	void withNoSendWaitingItWorksBackToBackAndItAsksAfterEveryStep() throws InterruptedException {
		AtomicBoolean waiting = new AtomicBoolean(false);
		List<Long> starts = new CopyOnWriteArrayList<>();
		CountDownLatch steps = new CountDownLatch(20);
		PollingLoop loop = new PollingLoop("test-loop", Duration.ofMinutes(1), () -> {
			starts.add(System.nanoTime());
			sleep(STEP_MILLIS / 4);
			steps.countDown();
			return true;
		}).giveWay(waiting::get, 0.01);
		loop.start();
		try {
			// 20 steps of 10 ms: a loop resting 99 % of the time would take 20 s
			assertThat(steps.await(10, TimeUnit.SECONDS)).as("20 steps without resting").isTrue();
			waiting.set(true);
			int before = starts.size();
			Thread.sleep(1_500);
			// the step after sends began to wait is followed by about a second of rest
			assertThat(starts.size() - before).as("steps in 1.5 s once sends wait").isLessThanOrEqualTo(3);
		}
		finally {
			loop.stop();
		}
	}

	@Test
	void aShareOutsideZeroToOneIsRefused() {
		PollingLoop loop = new PollingLoop("test-loop", Duration.ofSeconds(1), () -> false);
		assertThatThrownBy(() -> loop.giveWay(() -> true, 0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> loop.giveWay(() -> true, 1.5)).isInstanceOf(IllegalArgumentException.class);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
