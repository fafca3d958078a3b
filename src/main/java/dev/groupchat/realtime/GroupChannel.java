package dev.groupchat.realtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The local subscribers of one group and the order of its messages. Everything that
 * touches them runs as a task of this channel's {@link SerialExecutor}, so no lock is
 * needed and a sender never waits for the fan-out. Events carrying a {@code seq} go out
 * strictly in seq order: one that arrives early (its commit raced ahead of an earlier
 * one's listener) waits until the gap closes, or until {@link GroupChannels} fills it
 * from the database. A resuming subscriber keeps a backlog of live events while its
 * replay is sent, so replay and live events never interleave. Large groups are written in
 * parallel slices on the fan-out pool; each subscriber stays in one slice, so its order
 * holds.
 */
final class GroupChannel {

	/** Below this many subscribers, one thread writes them all. */
	static final int PARALLEL_THRESHOLD = 256;

	/**
	 * An event ready to send: everything after the subscription header, encoded once; the
	 * whole frame is then built once per distinct subscription id (clients mostly use the
	 * same few).
	 */
	static final class Frame {

		final long seq;

		final String shared;

		/**
		 * {@link System#nanoTime()} when the event reached this node's fan-out; 0 when
		 * not timed.
		 */
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

		private final int backlogLimit;

		private List<Frame> backlog;

		private volatile boolean ended;

		private boolean overflowed;

		Subscriber(StompSession session, String subscriptionId, boolean catchingUp) {
			this(session, subscriptionId, catchingUp, Integer.MAX_VALUE);
		}

		/**
		 * A catching-up subscriber holds at most {@code backlogLimit} live events while
		 * its replay is sent.
		 */
		Subscriber(StompSession session, String subscriptionId, boolean catchingUp, int backlogLimit) {
			this.session = session;
			this.subscriptionId = subscriptionId;
			this.backlog = catchingUp ? new ArrayList<>() : null;
			this.backlogLimit = backlogLimit;
		}

		void send(Frame frame) {
			if (backlog == null) {
				if (!ended) {
					session.send(frame.forSubscription(subscriptionId));
				}
			}
			else if (!overflowed && backlog.size() >= backlogLimit) {
				overflowed = true;
				backlog.clear();
			}
			else if (!overflowed) {
				backlog.add(frame);
			}
		}

		synchronized void sendNow(Frame frame) {
			if (!ended) {
				session.send(frame.forSubscription(subscriptionId));
			}
		}

		/**
		 * Nothing more goes out on this subscription; {@code last}, when given, is its
		 * final frame.
		 */
		synchronized void end(Frame last) {
			if (!ended) {
				ended = true;
				backlog = null;
				if (last != null) {
					session.send(last.forSubscription(subscriptionId));
				}
			}
		}

		String userId() {
			return session.user() == null ? null : session.user().id();
		}

	}

	final UUID groupId;

	final String destination;

	private final SerialExecutor tasks;

	private final ForkJoinPool pool;

	private final AtomicInteger size = new AtomicInteger();

	/**
	 * Keyed by session and subscription: a disconnect storm of a big group stays linear.
	 */
	private final Map<String, Subscriber> subscribers = new LinkedHashMap<>();

	private Subscriber[] snapshot = new Subscriber[0];

	private boolean changed;

	private final TreeMap<Long, Frame> early = new TreeMap<>();

	private long delivered;

	/** The stored last seq the previous last-seq check saw. */
	private long storedAtLastCheck;

	private volatile long waitingSince;

	/**
	 * How many times subscribers were ended for lost access; a subscribe compares it to
	 * see one it missed.
	 */
	private volatile long revocations;

	/** Live events waiting in this channel's queue before new ones are dropped. */
	private final int capacity;

	private final AtomicInteger dropped = new AtomicInteger();

	private final RealtimeMeters meters;

	GroupChannel(UUID groupId, long lastSeq, ForkJoinPool pool) {
		this(groupId, lastSeq, pool, 10_000, null);
	}

	GroupChannel(UUID groupId, long lastSeq, ForkJoinPool pool, int capacity) {
		this(groupId, lastSeq, pool, capacity, null);
	}

	/** {@code meters} may be null (unit tests). */
	GroupChannel(UUID groupId, long lastSeq, ForkJoinPool pool, int capacity, RealtimeMeters meters) {
		this.capacity = capacity;
		this.meters = meters;
		this.groupId = groupId;
		this.destination = "/topic/group." + groupId;
		this.delivered = lastSeq;
		this.pool = pool;
		this.tasks = new SerialExecutor(pool);
	}

	/**
	 * Counts a subscriber about to be added; called while the registry holds this
	 * channel's key.
	 */
	void reserve() {
		size.incrementAndGet();
	}

	/**
	 * Adds a reserved subscriber; completes with the last seq delivered, up to which a
	 * resuming one replays.
	 */
	CompletableFuture<Long> subscribe(Subscriber subscriber) {
		CompletableFuture<Long> added = new CompletableFuture<>();
		tasks.execute(() -> {
			subscribers.put(key(subscriber.session, subscriber.subscriptionId), subscriber);
			changed = true;
			added.complete(delivered);
		});
		return added;
	}

	/**
	 * Ends a subscriber's catch-up: the live events that came during its replay follow
	 * it, in order. When more came than its backlog holds, they were dropped and one
	 * {@code resync} frame (from the replayed seq to the last delivered one) stands for
	 * them; live events follow it.
	 */
	void live(Subscriber subscriber, long replayedUpTo, BiFunction<Long, Long, Frame> resync) {
		tasks.execute(() -> {
			List<Frame> backlog = subscriber.backlog;
			subscriber.backlog = null;
			if (subscriber.overflowed) {
				subscriber.sendNow(resync.apply(replayedUpTo, delivered));
			}
			else if (backlog != null) {
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

	/**
	 * Ends the subscribers {@code which} selects, as access to the group was lost
	 * ({@link #revocations} counts it); {@code removed} runs for each, {@code then}
	 * after.
	 */
	void remove(Predicate<Subscriber> which, Consumer<Subscriber> removed, Runnable then) {
		tasks.execute(() -> {
			revocations++;
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

	/**
	 * Starts a check of who may still read: counted as a revocation at once, so that a
	 * subscriber added while the check runs looks again itself; completes with the users
	 * subscribed now.
	 */
	CompletableFuture<Set<String>> revoking() {
		CompletableFuture<Set<String>> users = new CompletableFuture<>();
		tasks.execute(() -> {
			revocations++;
			Set<String> ids = new HashSet<>();
			subscribers.values().forEach(s -> ids.add(s.userId()));
			ids.remove(null);
			users.complete(ids);
		});
		return users;
	}

	long revocations() {
		return revocations;
	}

	int size() {
		return size.get();
	}

	/**
	 * Delivers an event: at once when unordered or next in line, else when its turn
	 * comes. When the channel's queue is full the event is dropped: a message's seq is
	 * then missing, and the gap is filled from the database once a later message arrives;
	 * an event without seq is lost.
	 */
	void publish(Frame frame) {
		if (!tasks.offer(() -> accept(frame), capacity)) {
			dropped.incrementAndGet();
		}
	}

	/** Live events dropped because the queue was full. */
	int dropped() {
		return dropped.get();
	}

	/**
	 * Fills a gap that waited longer than {@code timeoutMs}: {@code loader} answers the
	 * stored frames with {@code after < seq < before}.
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

	/**
	 * Fetches messages the bus lost that no later event revealed: those up to the last
	 * seq seen at the previous check that are still not delivered. {@code loader} answers
	 * the stored frames with {@code after < seq < before}, at most {@code limit} of them.
	 */
	void catchUp(long storedLastSeq, int limit, BiFunction<Long, Long, List<Frame>> loader) {
		tasks.execute(() -> {
			long target = Math.min(storedAtLastCheck, storedLastSeq);
			storedAtLastCheck = storedLastSeq;
			if (target > delivered) {
				loader.apply(delivered, Math.min(target, delivered + limit) + 1).forEach(this::accept);
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
