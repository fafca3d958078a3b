package dev.groupchat.realtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The local subscribers of one group and the order of its messages. Everything that touches them
 * runs as a task of this channel's {@link SerialExecutor}, so no lock is needed and a sender never
 * waits for the fan-out. Events carrying a {@code seq} go out strictly in seq order: one that
 * arrives early (its commit raced ahead of an earlier one's listener) waits until the gap closes, or
 * until {@link GroupChannels} fills it from the database. A resuming subscriber keeps a backlog of
 * live events while its replay is sent, so replay and live events never interleave. Large groups are
 * written in parallel slices on the fan-out pool; each subscriber stays in one slice, so its order
 * holds.
 */
final class GroupChannel {

	/** Below this many subscribers, one thread writes them all. */
	static final int PARALLEL_THRESHOLD = 256;

	/**
	 * An event ready to send: everything after the subscription header, encoded once; the whole
	 * frame is then built once per distinct subscription id (clients mostly use the same few).
	 */
	static final class Frame {

		final long seq;

		final String shared;

		/** {@link System#nanoTime()} when the event reached this node's fan-out; 0 when not timed. */
		final long arrivedNanos;

		private final ConcurrentHashMap<String, String> whole = new ConcurrentHashMap<>(4);

		Frame(long seq, String shared) {
			this(seq, shared, 0);
		}

		Frame(long seq, String shared, long arrivedNanos) {
			this.seq = seq;
			this.shared = shared;
			this.arrivedNanos = arrivedNanos;
		}

		String forSubscription(String subscriptionId) {
			return whole.computeIfAbsent(subscriptionId, id -> StompFrames.prefix(id) + shared);
		}

	}

	static final class Subscriber {

		final StompSession session;

		final String subscriptionId;

		private List<Frame> backlog;

		Subscriber(StompSession session, String subscriptionId, boolean catchingUp) {
			this.session = session;
			this.subscriptionId = subscriptionId;
			this.backlog = catchingUp ? new ArrayList<>() : null;
		}

		void send(Frame frame) {
			if (backlog != null) {
				backlog.add(frame);
			}
			else {
				session.send(frame.forSubscription(subscriptionId));
			}
		}

		void sendNow(Frame frame) {
			session.send(frame.forSubscription(subscriptionId));
		}

	}

	final UUID groupId;

	final String destination;

	private final SerialExecutor tasks;

	private final ForkJoinPool pool;

	private final AtomicInteger size = new AtomicInteger();

	/** Keyed by session and subscription: a disconnect storm of a big group stays linear. */
	private final Map<String, Subscriber> subscribers = new LinkedHashMap<>();

	private Subscriber[] snapshot = new Subscriber[0];

	private boolean changed;

	private final TreeMap<Long, Frame> early = new TreeMap<>();

	private long delivered;

	private volatile long waitingSince;

	private final RealtimeMeters meters;

	GroupChannel(UUID groupId, long lastSeq, ForkJoinPool pool) {
		this(groupId, lastSeq, pool, null);
	}

	GroupChannel(UUID groupId, long lastSeq, ForkJoinPool pool, RealtimeMeters meters) {
		this.meters = meters;
		this.groupId = groupId;
		this.destination = "/topic/group." + groupId;
		this.delivered = lastSeq;
		this.pool = pool;
		this.tasks = new SerialExecutor(pool);
	}

	/** Counts a subscriber about to be added; called while the registry holds this channel's key. */
	void reserve() {
		size.incrementAndGet();
	}

	/** Adds a reserved subscriber; completes with the last seq delivered, up to which a resuming one replays. */
	CompletableFuture<Long> subscribe(Subscriber subscriber) {
		CompletableFuture<Long> added = new CompletableFuture<>();
		tasks.execute(() -> {
			subscribers.put(key(subscriber.session, subscriber.subscriptionId), subscriber);
			changed = true;
			added.complete(delivered);
		});
		return added;
	}

	/** Ends a subscriber's catch-up: the live events that came during its replay follow it, in order. */
	void live(Subscriber subscriber, long replayedUpTo) {
		tasks.execute(() -> {
			List<Frame> backlog = subscriber.backlog;
			subscriber.backlog = null;
			if (backlog != null) {
				backlog.stream().filter(f -> f.seq == 0 || f.seq > replayedUpTo).forEach(subscriber::sendNow);
			}
		});
	}

	/** Removes one subscription; {@code then} runs after. */
	void remove(StompSession session, String subscriptionId, Runnable then) {
		tasks.execute(() -> {
			if (subscribers.remove(key(session, subscriptionId)) != null) {
				changed = true;
				size.decrementAndGet();
			}
			then.run();
		});
	}

	private static String key(StompSession session, String subscriptionId) {
		return session.id() + '\u0000' + subscriptionId;
	}

	/** Removes the subscribers {@code which} selects; {@code then} runs after. */
	void remove(java.util.function.Predicate<Subscriber> which, java.util.function.Consumer<Subscriber> removed,
			Runnable then) {
		tasks.execute(() -> {
			subscribers.values().removeIf(s -> {
				boolean match = which.test(s);
				if (match) {
					changed = true;
					size.decrementAndGet();
					removed.accept(s);
				}
				return match;
			});
			then.run();
		});
	}

	int size() {
		return size.get();
	}

	/** Delivers an event: at once when unordered or next in line, else when its turn comes. */
	void publish(Frame frame) {
		tasks.execute(() -> accept(frame));
	}

	/**
	 * Fills a gap that waited longer than {@code timeoutMs}: {@code loader} answers the stored frames
	 * with {@code after < seq < before}.
	 */
	void fillOverdueGap(long now, long timeoutMs, BiFunction<Long, Long, List<Frame>> loader) {
		long since = waitingSince;
		if (since == 0 || now - since < timeoutMs) {
			return;
		}
		tasks.execute(() -> {
			if (!early.isEmpty() && now - waitingSince >= timeoutMs) {
				loader.apply(delivered, early.firstKey()).forEach(this::accept);
			}
		});
	}

	private void accept(Frame frame) {
		if (frame.seq == 0) {
			deliver(frame);
			return;
		}
		if (frame.seq <= delivered) {
			return;
		}
		early.put(frame.seq, frame);
		while (!early.isEmpty() && early.firstKey() == delivered + 1) {
			Frame next = early.pollFirstEntry().getValue();
			delivered = next.seq;
			deliver(next);
		}
		waitingSince = early.isEmpty() ? 0 : (waitingSince == 0 ? System.currentTimeMillis() : waitingSince);
	}

	private void deliver(Frame frame) {
		if (changed) {
			snapshot = subscribers.values().toArray(Subscriber[]::new);
			changed = false;
		}
		Subscriber[] all = snapshot;
		if (all.length < PARALLEL_THRESHOLD) {
			for (Subscriber subscriber : all) {
				subscriber.send(frame);
			}
			observe(all.length, frame);
			return;
		}
		int slices = pool.getParallelism() * 2;
		int sliceSize = (all.length + slices - 1) / slices;
		List<ForkJoinTask<?>> work = new ArrayList<>(slices);
		for (int from = 0; from < all.length; from += sliceSize) {
			int start = from;
			int end = Math.min(all.length, from + sliceSize);
			work.add(ForkJoinTask.adapt(() -> {
				for (int i = start; i < end; i++) {
					all[i].send(frame);
				}
			}));
		}
		ForkJoinTask.invokeAll(work);
		observe(all.length, frame);
	}

	private void observe(int subscribers, Frame frame) {
		if (meters != null && subscribers > 0) {
			meters.delivered(subscribers, frame.arrivedNanos);
		}
	}

}
