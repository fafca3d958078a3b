package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ordering guarantees of one group's fan-out, which a member would notice as missing
 * or shuffled messages.
 */
class GroupChannelTest {

	private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

	private final ForkJoinPool pool = new ForkJoinPool(2);

	private final UUID groupId = UUID.randomUUID();

	@AfterEach
	void stop() {
		pool.shutdownNow();
	}

	private static List<Long> received(StompSession session) {
		List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
		doAnswer(call -> {
			Matcher m = SEQ.matcher(call.getArgument(0, String.class));
			if (m.find()) {
				seqs.add(Long.parseLong(m.group(1)));
			}
			return null;
		}).when(session).send(anyString());
		return seqs;
	}

	private static StompSession session(String id) {
		StompSession session = mock(StompSession.class);
		when(session.id()).thenReturn(id);
		// a group's frame goes out as the text frame (the session took no binary frames)
		doCallRealMethod().when(session).send(any(GroupChannel.Frame.class), anyString());
		return session;
	}

	private static GroupChannel.Frame frame(long seq) {
		return new GroupChannel.Frame(seq, StompFrames.shared("/topic/x", "m" + seq, "{\"seq\":" + seq + "}"));
	}

	private void settle() {
		pool.awaitQuiescence(5, TimeUnit.SECONDS);
	}

	@Test
	void eventsThatArriveOutOfOrderAreDeliveredInSeqOrderOnceEach() throws Exception {
		GroupChannel channel = new GroupChannel(groupId, 0, pool);
		StompSession session = session("a");
		List<Long> seqs = received(session);
		channel.reserve();
		channel.subscribe(new GroupChannel.Subscriber(session, "sub-0", false)).get();
		for (long seq : new long[] { 3, 1, 2, 2, 5, 4, 1 }) {
			channel.publish(frame(seq));
		}
		settle();
		assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L);
	}

	@Test
	void aGapThatStaysOpenIsFilledFromStoredMessages() throws Exception {
		GroupChannel channel = new GroupChannel(groupId, 3, pool);
		StompSession session = session("a");
		List<Long> seqs = received(session);
		channel.reserve();
		channel.subscribe(new GroupChannel.Subscriber(session, "sub-0", false)).get();
		channel.publish(frame(5));
		settle();
		assertThat(seqs).isEmpty();
		channel.fillOverdueGap(System.currentTimeMillis() + 10_000, 500, (after, before) -> {
			assertThat(after).isEqualTo(3);
			assertThat(before).isEqualTo(5);
			return List.of(frame(4));
		});
		settle();
		assertThat(seqs).containsExactly(4L, 5L);
	}

	@Test
	void aLostLastMessageIsFetchedAtTheSecondCheckThatFindsTheChannelBehind() throws Exception {
		GroupChannel channel = new GroupChannel(groupId, 3, pool);
		StompSession session = session("a");
		List<Long> seqs = received(session);
		channel.reserve();
		channel.subscribe(new GroupChannel.Subscriber(session, "sub-0", false)).get();
		List<String> loads = Collections.synchronizedList(new ArrayList<>());
		BiFunction<Long, Long, List<GroupChannel.Frame>> store = (after, before) -> {
			loads.add(after + ".." + before);
			List<GroupChannel.Frame> frames = new ArrayList<>();
			for (long seq = after + 1; seq < before; seq++) {
				frames.add(frame(seq));
			}
			return frames;
		};
		// seq 4 and 5 are stored; 4 arrives through the bus before the next check, 5 is
		// lost
		channel.catchUp(5, 1_000, store);
		channel.publish(frame(4));
		settle();
		assertThat(loads).as("a first sighting may be a message still in flight").isEmpty();
		channel.catchUp(5, 1_000, store);
		settle();
		assertThat(loads).containsExactly("4..6");
		assertThat(seqs).containsExactly(4L, 5L);
		// once caught up, checks cost no query and deliver nothing twice
		channel.catchUp(5, 1_000, store);
		channel.catchUp(5, 1_000, store);
		channel.publish(frame(5));
		settle();
		assertThat(loads).hasSize(1);
		assertThat(seqs).containsExactly(4L, 5L);
	}

	@Test
	void aResumingSubscriberGetsLiveEventsOnlyAfterItsReplayAndWithoutRepeats() throws Exception {
		GroupChannel channel = new GroupChannel(groupId, 10, pool);
		StompSession session = session("a");
		List<Long> seqs = received(session);
		GroupChannel.Subscriber subscriber = new GroupChannel.Subscriber(session, "sub-0", true);
		channel.reserve();
		long upTo = channel.subscribe(subscriber).get();
		channel.publish(frame(11));
		channel.publish(frame(12));
		settle();
		assertThat(seqs).isEmpty();
		for (long seq = 8; seq <= upTo; seq++) {
			subscriber.sendNow(frame(seq));
		}
		channel.live(subscriber, upTo, (from, to) -> frame(0));
		channel.publish(frame(13));
		settle();
		assertThat(seqs).containsExactly(8L, 9L, 10L, 11L, 12L, 13L);
	}

	@Test
	void everySubscriberOfALargeGroupGetsEveryMessageInOrder() throws Exception {
		GroupChannel channel = new GroupChannel(groupId, 0, pool);
		List<List<Long>> all = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			StompSession session = session("s" + i);
			all.add(received(session));
			channel.reserve();
			channel.subscribe(new GroupChannel.Subscriber(session, "sub-" + (i % 3), false));
		}
		for (long seq = 1; seq <= 20; seq++) {
			channel.publish(frame(seq));
		}
		settle();
		List<Long> expected = new ArrayList<>();
		for (long seq = 1; seq <= 20; seq++) {
			expected.add(seq);
		}
		assertThat(all).allSatisfy(seqs -> assertThat(seqs).containsExactlyElementsOf(expected));
	}

	@Test
	void aFullQueueDropsLiveEventsAndTheMissingMessagesComeFromTheDatabaseAfterwards() throws Exception {
		CountDownLatch held = new CountDownLatch(1);
		GroupChannel channel = new GroupChannel(groupId, 0, pool, 10);
		StompSession session = session("a");
		List<Long> seqs = received(session);
		channel.reserve();
		channel.subscribe(new GroupChannel.Subscriber(session, "sub-0", false)).get();
		channel.remove(s -> false, s -> {
		}, () -> await(held));
		for (long seq = 1; seq <= 100; seq++) {
			channel.publish(frame(seq));
		}
		assertThat(channel.dropped()).as("beyond the queue's capacity, events are dropped").isGreaterThanOrEqualTo(89);
		held.countDown();
		settle();
		assertThat(seqs).as("what fitted the queue").hasSizeLessThanOrEqualTo(10);
		long last = seqs.getLast();
		channel.publish(frame(101));
		settle();
		// as the periodic gap check does: a fill larger than the queue overflows it
		// again,
		// and the next check fetches what is still missing
		for (int check = 0; check < 50 && !seqs.contains(101L); check++) {
			Thread.sleep(20);
			channel.fillOverdueGap(System.currentTimeMillis(), 10,
					(after, before) -> LongStream.range(after + 1, before).mapToObj(GroupChannelTest::frame).toList());
			settle();
		}
		assertThat(seqs.subList(seqs.indexOf(last) + 1, seqs.size()))
			.containsExactlyElementsOf(LongStream.rangeClosed(last + 1, 101).boxed().toList());
	}

	@Test
	void aReplayingSubscriberWhoseBacklogOverflowsGetsOneResyncInsteadOfTheBacklog() throws Exception {
		GroupChannel channel = new GroupChannel(groupId, 10, pool);
		StompSession session = session("a");
		List<String> frames = Collections.synchronizedList(new ArrayList<>());
		doAnswer(call -> frames.add(call.getArgument(0, String.class))).when(session).send(anyString());
		GroupChannel.Subscriber subscriber = new GroupChannel.Subscriber(session, "sub-0", true, 5);
		channel.reserve();
		long upTo = channel.subscribe(subscriber).get();
		for (long seq = 11; seq <= 30; seq++) {
			channel.publish(frame(seq));
		}
		settle();
		assertThat(frames).isEmpty();
		channel.live(subscriber, upTo, (from, to) -> new GroupChannel.Frame(0, StompFrames.shared("/topic/x", "r",
				"{\"type\":\"resync.required\",\"fromSeq\":" + from + ",\"lastSeq\":" + to + "}")));
		channel.publish(frame(31));
		settle();
		assertThat(frames).hasSize(2);
		assertThat(frames.get(0)).contains("\"type\":\"resync.required\",\"fromSeq\":10,\"lastSeq\":30");
		assertThat(frames.get(1)).contains("\"seq\":31");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
