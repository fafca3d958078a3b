package dev.groupchat.realtime;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.Traces;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The local subscribers of one group and the order of its messages. Everything that
 * touches them runs as a task of this channel's {@link SerialExecutor}, so no lock is
 * needed and a sender never waits for the fan-out. Events carrying a {@code seq} go out
 * strictly in seq order: one that arrives early (its commit raced ahead of an earlier
 * one's listener) waits until the gap closes, or until {@link GroupChannels} fills it
 * from the database ({@link SeqReorder}). A resuming subscriber keeps a backlog of live
 * events while its replay is sent, so replay and live events never interleave. The
 * subscribers are kept in a {@link SubscriberRegistry}; large groups are written in
 * parallel slices on the fan-out pool ({@link SlicedDelivery}); each subscriber stays in
 * one slice, so its order holds.
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

		/** Who may not get this frame whole; null for an event about nobody's message. */
		final @Nullable Hiding hiding;

		/**
		 * The sampled trace context its event was published in (the writer's batch span,
		 * a REST call); null when not tracing.
		 */
		final @Nullable TraceContext trace;

		private final ConcurrentHashMap<String, String> whole = new ConcurrentHashMap<>(4);

		/**
		 * The same frames as UTF-8, for sessions that take binary frames; made on demand.
		 */
		private volatile @Nullable ConcurrentHashMap<String, byte[]> bytes;

		Frame(long seq, String shared) {
			this(seq, shared, 0, null);
		}

		Frame(long seq, String shared, long arrivedNanos) {
			this(seq, shared, arrivedNanos, null);
		}

		Frame(long seq, String shared, long arrivedNanos, @Nullable Hiding hiding) {
			this(seq, shared, arrivedNanos, hiding, null);
		}

		Frame(long seq, String shared, long arrivedNanos, @Nullable Hiding hiding, @Nullable TraceContext trace) {
			this.seq = seq;
			this.shared = shared;
			this.arrivedNanos = arrivedNanos;
			this.hiding = hiding;
			this.trace = trace;
		}

		String forSubscription(String subscriptionId) {
			return whole.computeIfAbsent(subscriptionId, id -> StompFrames.prefix(id) + shared);
		}

		byte[] bytesForSubscription(String subscriptionId) {
			ConcurrentHashMap<String, byte[]> encoded = bytes;
			if (encoded == null) {
				synchronized (this) {
					encoded = bytes;
					if (encoded == null) {
						encoded = new ConcurrentHashMap<>(4);
						bytes = encoded;
					}
				}
			}
			return encoded.computeIfAbsent(subscriptionId, id -> forSubscription(id).getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * This frame, its placeholder, or null (nothing to send) for the session: one
		 * null check for events about nobody's message, one empty-set check more for a
		 * session without blocks.
		 */
		@Nullable Frame visibleTo(StompSession session) {
			return hiding == null ? this : hiding.frameFor(this, session);
		}

	}

	/**
	 * Whom an event about a user's message is hidden from: sessions that blocked its
	 * sender, and everyone outside the audience of a shadow-muted member's message. A
	 * message event ({@code seq > 0}) is replaced by a placeholder, so the seqs a client
	 * sees stay contiguous; any other event (edit, recall, reaction, typing) is left out.
	 * Placeholders are built once per frame, when a first session needs one.
	 */
	static final class Hiding {

		private final @Nullable String senderId;

		private final @Nullable Set<String> audience;

		private final UUID groupId;

		private final String destination;

		private final String messageId;

		private volatile @Nullable Frame blockedPlaceholder;

		private volatile @Nullable Frame hiddenPlaceholder;

		/**
		 * {@code audience} null: everyone may see it (unless they blocked the sender);
		 * {@code senderId} null: nobody's blocks hide it.
		 */
		Hiding(@Nullable String senderId, @Nullable Set<String> audience, UUID groupId, String destination,
				String messageId) {
			this.senderId = senderId;
			this.audience = audience;
			this.groupId = groupId;
			this.destination = destination;
			this.messageId = messageId;
		}

		@Nullable Frame frameFor(Frame frame, StompSession session) {
			Set<String> blocked = session.blocked();
			if (senderId != null && !blocked.isEmpty() && blocked.contains(senderId)) {
				return placeholder(frame, true);
			}
			CurrentUser user = session.user();
			if (audience != null && (user == null || !audience.contains(user.id()))) {
				return placeholder(frame, false);
			}
			return frame;
		}

		private @Nullable Frame placeholder(Frame frame, boolean blocked) {
			if (frame.seq == 0) {
				return null;
			}
			Frame built = blocked ? blockedPlaceholder : hiddenPlaceholder;
			if (built == null) {
				built = new Frame(frame.seq, StompFrames.shared(destination, messageId + (blocked ? "-b" : "-h"),
						EventJson.hiddenMessage(groupId, frame.seq, blocked)));
				if (blocked) {
					blockedPlaceholder = built;
				}
				else {
					hiddenPlaceholder = built;
				}
			}
			return built;
		}

	}

	static final class Subscriber {

		final StompSession session;

		final String subscriptionId;

		private final int backlogLimit;

		private @Nullable List<Frame> backlog;

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
					write(frame);
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
				write(frame);
			}
		}

		/** Writes the frame as this session may see it (whole, a placeholder, or not). */
		private void write(Frame frame) {
			Frame shown = frame.visibleTo(session);
			if (shown != null) {
				session.send(shown, subscriptionId);
			}
		}

		/**
		 * Nothing more goes out on this subscription; {@code last}, when given, is its
		 * final frame.
		 */
		synchronized void end(@Nullable Frame last) {
			if (!ended) {
				ended = true;
				backlog = null;
				if (last != null) {
					session.send(last, subscriptionId);
				}
			}
		}

		@Nullable String userId() {
			CurrentUser user = session.user();
			return user == null ? null : user.id();
		}

	}

	final UUID groupId;

	final String destination;

	private final SerialExecutor tasks;

	private final SubscriberRegistry subscribers = new SubscriberRegistry();

	private final SeqReorder order;

	private final SlicedDelivery delivery;

	/**
	 * How many times subscribers were ended for lost access; a subscribe compares it to
	 * see one it missed.
	 */
	private volatile long revocations;

	/** Live events waiting in this channel's queue before new ones are dropped. */
	private final int capacity;

	private final AtomicInteger dropped = new AtomicInteger();

	private final @Nullable RealtimeMeters meters;

	private final Traces traces;

	GroupChannel(UUID groupId, long lastSeq, ForkJoinPool pool) {
		this(groupId, lastSeq, pool, 10_000, null, Traces.off());
	}

	GroupChannel(UUID groupId, long lastSeq, ForkJoinPool pool, int capacity) {
		this(groupId, lastSeq, pool, capacity, null, Traces.off());
	}

	/** {@code meters} may be null (unit tests). */
	GroupChannel(UUID groupId, long lastSeq, ForkJoinPool pool, int capacity, @Nullable RealtimeMeters meters,
			Traces traces) {
		this.traces = traces;
		this.capacity = capacity;
		this.meters = meters;
		this.groupId = groupId;
		this.destination = "/topic/group." + groupId;
		this.order = new SeqReorder(lastSeq);
		this.delivery = new SlicedDelivery(pool, PARALLEL_THRESHOLD);
		this.tasks = new SerialExecutor(pool);
	}

	/**
	 * Counts a subscriber about to be added; called while the registry holds this
	 * channel's key.
	 */
	void reserve() {
		subscribers.reserve();
	}

	/**
	 * Adds a reserved subscriber; completes with the last seq delivered, up to which a
	 * resuming one replays.
	 */
	CompletableFuture<Long> subscribe(Subscriber subscriber) {
		CompletableFuture<Long> added = new CompletableFuture<>();
		tasks.execute(() -> {
			subscribers.add(subscriber);
			added.complete(order.delivered());
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
				subscriber.sendNow(resync.apply(replayedUpTo, order.delivered()));
			}
			else if (backlog != null) {
				backlog.stream().filter(f -> f.seq == 0 || f.seq > replayedUpTo).forEach(subscriber::sendNow);
			}
		});
	}

	/** Removes one subscription; {@code then} runs after. */
	void remove(StompSession session, String subscriptionId, Runnable then) {
		tasks.execute(() -> {
			subscribers.remove(session, subscriptionId);
			then.run();
		});
	}

	/**
	 * Ends the subscribers {@code which} selects, as access to the group was lost
	 * ({@link #revocations} counts it); {@code removed} runs for each, {@code then}
	 * after.
	 */
	void remove(Predicate<Subscriber> which, Consumer<Subscriber> removed, Runnable then) {
		tasks.execute(() -> {
			revocations++;
			subscribers.removeIf(which, removed);
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
			users.complete(subscribers.users());
		});
		return users;
	}

	long revocations() {
		return revocations;
	}

	int size() {
		return subscribers.size();
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
		if (!order.isOverdue(now, timeoutMs)) {
			return;
		}
		tasks.execute(() -> {
			SeqReorder.Range gap = order.gap();
			if (gap != null && order.isOverdue(now, timeoutMs)) {
				loader.apply(gap.after(), gap.before()).forEach(this::accept);
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
			SeqReorder.Range missed = order.missedBefore(storedLastSeq, limit);
			if (missed != null) {
				loader.apply(missed.after(), missed.before()).forEach(this::accept);
			}
		});
	}

	private void accept(Frame frame) {
		order.accept(frame, System.currentTimeMillis(), this::deliver);
	}

	/**
	 * Delivers a frame to every subscriber, inside a {@code groupchat.fanout} span (a
	 * child of the frame's trace context) when its event was traced.
	 */
	private void deliver(Frame frame) {
		if (frame.trace == null) {
			deliverNow(frame);
			return;
		}
		Span span = traces.startChild("groupchat.fanout", frame.trace, List.of())
			.tag("groupchat.seq", frame.seq)
			.tag("groupchat.subscribers", subscribers.size());
		traces.inSpan(span, () -> deliverNow(frame));
	}

	private void deliverNow(Frame frame) {
		Subscriber[] all = subscribers.snapshot();
		delivery.deliver(all, subscriber -> subscriber.send(frame));
		if (meters != null && all.length > 0) {
			meters.delivered(all.length, frame.arrivedNanos);
		}
	}

}
