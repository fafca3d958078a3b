package dev.groupchat.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local subscribers of one group and the order of its messages. Events carrying a {@code seq}
 * are delivered strictly in seq order: one that arrives early (its commit raced ahead of an earlier
 * one's listener) waits until the gap closes, or until {@link GroupChannels} fills the gap from the
 * database. A subscriber that resumes keeps a backlog of live events while its replay is sent, so
 * replay and live events never interleave.
 */
final class GroupChannel {

	/** An event ready to send: everything after the subscription header, encoded once. */
	record Frame(long seq, String shared) {
	}

	static final class Subscriber {

		final StompSession session;

		final String subscriptionId;

		final String prefix;

		List<Frame> backlog;

		Subscriber(StompSession session, String subscriptionId, boolean catchingUp) {
			this.session = session;
			this.subscriptionId = subscriptionId;
			this.prefix = StompFrames.prefix(subscriptionId);
			this.backlog = catchingUp ? new ArrayList<>() : null;
		}

		void send(Frame frame) {
			if (backlog != null) {
				backlog.add(frame);
			}
			else {
				session.send(prefix + frame.shared());
			}
		}

	}

	final UUID groupId;

	final String destination;

	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();

	private final TreeMap<Long, Frame> early = new TreeMap<>();

	private long delivered;

	private long waitingSince;

	GroupChannel(UUID groupId, long lastSeq) {
		this.groupId = groupId;
		this.destination = "/topic/group." + groupId;
		this.delivered = lastSeq;
	}

	private static String key(StompSession session, String subscriptionId) {
		return session.id() + "\u0000" + subscriptionId;
	}

	/** Adds a subscriber; answers the last seq delivered, up to which a resuming one must replay. */
	long subscribe(Subscriber subscriber) {
		lock.lock();
		try {
			subscribers.put(key(subscriber.session, subscriber.subscriptionId), subscriber);
			return delivered;
		}
		finally {
			lock.unlock();
		}
	}

	/** Ends a subscriber's catch-up: the live events that came during its replay follow it, in order. */
	void live(Subscriber subscriber, long replayedUpTo) {
		lock.lock();
		try {
			List<Frame> backlog = subscriber.backlog;
			subscriber.backlog = null;
			if (backlog != null) {
				backlog.stream().filter(f -> f.seq() == 0 || f.seq() > replayedUpTo).forEach(subscriber::send);
			}
		}
		finally {
			lock.unlock();
		}
	}

	boolean unsubscribe(StompSession session, String subscriptionId) {
		return subscribers.remove(key(session, subscriptionId)) != null;
	}

	/** Removes every subscription of the user, answering them so their sessions forget them too. */
	List<Subscriber> drop(String userId) {
		List<Subscriber> dropped = new ArrayList<>();
		subscribers.values().removeIf(s -> {
			boolean match = s.session.user() != null && s.session.user().id().equals(userId);
			if (match) {
				dropped.add(s);
			}
			return match;
		});
		return dropped;
	}

	boolean isEmpty() {
		return subscribers.isEmpty();
	}

	int size() {
		return subscribers.size();
	}

	/** Delivers an event: at once when unordered or next in line, else when its turn comes. */
	void publish(Frame frame) {
		lock.lock();
		try {
			if (frame.seq() == 0) {
				deliver(frame);
				return;
			}
			if (frame.seq() <= delivered) {
				return;
			}
			early.put(frame.seq(), frame);
			drain();
		}
		finally {
			lock.unlock();
		}
	}

	/** The first missing seq and the seq before which it ends, when a gap has waited longer than {@code timeoutMs}. */
	long[] overdueGap(long now, long timeoutMs) {
		lock.lock();
		try {
			if (early.isEmpty() || now - waitingSince < timeoutMs) {
				return null;
			}
			return new long[] { delivered, early.firstKey() };
		}
		finally {
			lock.unlock();
		}
	}

	private void drain() {
		while (!early.isEmpty() && early.firstKey() == delivered + 1) {
			Frame next = early.pollFirstEntry().getValue();
			delivered = next.seq();
			deliver(next);
		}
		waitingSince = early.isEmpty() ? 0 : (waitingSince == 0 ? System.currentTimeMillis() : waitingSince);
	}

	private void deliver(Frame frame) {
		for (Subscriber subscriber : subscribers.values()) {
			subscriber.send(frame);
		}
	}

}
