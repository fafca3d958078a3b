package dev.groupchat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The writer's queues and threads, with a batch handler in place of the database. */
class WriterQueuesTest {

	private final List<List<PendingMessage>> batches = Collections.synchronizedList(new ArrayList<>());

	private final List<PendingMessage> left = Collections.synchronizedList(new ArrayList<>());

	private WriterQueues queues;

	@AfterEach
	void stop() {
		if (queues != null) {
			queues.stop(left::add);
		}
	}

	private static PendingMessage send(UUID groupId, String clientMsgId) {
		return new PendingMessage("alice", groupId,
				new PostMessage(clientMsgId, MessageType.TEXT, "hi", null, null, null, List.of()));
	}

	private WriterQueues queues(int writers, int capacity, int maxBatch, Consumer<List<PendingMessage>> handler) {
		queues = new WriterQueues(writers, capacity, maxBatch, handler);
		return queues;
	}

	@Test
	void aThreadTakesWhatItsQueueHoldsUpToMaxBatchInOrder() throws Exception {
		CountDownLatch busy = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch handled = new CountDownLatch(3);
		WriterQueues queues = queues(1, 100, 2, batch -> {
			busy.countDown();
			awaitQuietly(release);
			batches.add(List.copyOf(batch));
			handled.countDown();
		});
		UUID groupId = UUID.randomUUID();
		List<PendingMessage> sent = new ArrayList<>();
		queues.start();
		for (int i = 0; i < 5; i++) {
			PendingMessage pending = send(groupId, "m" + i);
			sent.add(pending);
			assertThat(queues.offer(pending, Duration.ofSeconds(1))).isTrue();
			if (i == 0) {
				Thread.sleep(300); // the thread holds m0 alone; the rest queue up behind
									// it
			}
		}
		release.countDown();

		assertThat(handled.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(batches).containsExactly(sent.subList(0, 1), sent.subList(1, 3), sent.subList(3, 5));
	}

	@Test
	void aGroupAlwaysGoesToTheSameWriter() {
		WriterQueues queues = queues(4, 10, 10, batch -> {
		});
		UUID groupId = UUID.randomUUID();

		assertThat(queues.writerOf(groupId)).isEqualTo(queues.writerOf(groupId)).isBetween(0, 3);
	}

	@Test
	void aFullQueueRefusesAfterTheTimeout() throws Exception {
		WriterQueues queues = queues(1, 2, 10, batch -> {
		});
		UUID groupId = UUID.randomUUID();

		assertThat(queues.offer(send(groupId, "a"), Duration.ZERO)).isTrue();
		assertThat(queues.offer(send(groupId, "b"), Duration.ZERO)).isTrue();
		assertThat(queues.offer(send(groupId, "c"), Duration.ofMillis(20))).isFalse();
		assertThat(queues.depth()).isEqualTo(2);
	}

	@Test
	void drainStopsAcceptingAndWaitsForWhatIsQueued() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		WriterQueues queues = queues(1, 10, 10, batch -> {
			awaitQuietly(release);
			batches.add(List.copyOf(batch));
		});
		queues.start();
		queues.offer(send(UUID.randomUUID(), "a"), Duration.ZERO);

		assertThat(queues.drain(Duration.ofMillis(100))).isFalse();
		assertThat(queues.isAccepting()).isFalse();
		release.countDown();
		assertThat(queues.drain(Duration.ofSeconds(5))).isTrue();
		assertThat(batches).hasSize(1);
	}

	@Test
	void aFailingBatchDoesNotStopTheThread() throws Exception {
		CountDownLatch second = new CountDownLatch(1);
		WriterQueues queues = queues(1, 10, 1, batch -> {
			if (batch.getFirst().message().clientMsgId().equals("boom")) {
				throw new IllegalStateException("boom");
			}
			second.countDown();
		});
		queues.start();
		UUID groupId = UUID.randomUUID();
		queues.offer(send(groupId, "boom"), Duration.ZERO);
		queues.offer(send(groupId, "fine"), Duration.ZERO);

		assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void stopHandlesWhatIsQueuedAndIsNotRunningAfterwards() throws Exception {
		WriterQueues queues = queues(2, 10, 10, batch -> batches.add(List.copyOf(batch)));
		queues.start();
		assertThat(queues.isRunning()).isTrue();
		for (int i = 0; i < 4; i++) {
			queues.offer(send(UUID.randomUUID(), "m" + i), Duration.ZERO);
		}

		queues.stop(left::add);

		assertThat(queues.isRunning()).isFalse();
		assertThat(batches.stream().mapToInt(List::size).sum() + left.size()).isEqualTo(4);
		assertThat(queues.depth()).isZero();
	}

	@Test
	void whatIsLeftWithoutThreadsGoesToTheCallback() throws Exception {
		WriterQueues queues = queues(1, 10, 10, batch -> {
		});
		PendingMessage pending = send(UUID.randomUUID(), "a");
		queues.offer(pending, Duration.ZERO);

		queues.stop(left::add);

		assertThat(left).containsExactly(pending);
		this.queues = null;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
