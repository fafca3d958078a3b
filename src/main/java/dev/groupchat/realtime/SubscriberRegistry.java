package dev.groupchat.realtime;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The local subscribers of one group, keyed by session and subscription so that a
 * disconnect storm of a big group stays linear, with an array snapshot for delivery that
 * is rebuilt only after a change. Not thread-safe: its channel calls it from its serial
 * tasks only, except {@link #reserve} and {@link #size}.
 */
final class SubscriberRegistry {

	private final AtomicInteger size = new AtomicInteger();

	private final Map<String, GroupChannel.Subscriber> subscribers = new LinkedHashMap<>();

	private GroupChannel.Subscriber[] snapshot = new GroupChannel.Subscriber[0];

	private boolean changed;

	/** Counts a subscriber about to be added (any thread). */
	void reserve() {
		size.incrementAndGet();
	}

	/** Subscribers reserved or added and not removed (any thread). */
	int size() {
		return size.get();
	}

	/** Adds a reserved subscriber. */
	void add(GroupChannel.Subscriber subscriber) {
		subscribers.put(key(subscriber.session, subscriber.subscriptionId), subscriber);
		changed = true;
	}

	/** Removes one subscription; answers whether it was there. */
	boolean remove(StompSession session, String subscriptionId) {
		if (subscribers.remove(key(session, subscriptionId)) == null) {
			return false;
		}
		changed = true;
		size.decrementAndGet();
		return true;
	}

	/** Removes the subscribers {@code which} selects; {@code removed} runs for each. */
	void removeIf(Predicate<GroupChannel.Subscriber> which, Consumer<GroupChannel.Subscriber> removed) {
		subscribers.values().removeIf(s -> {
			boolean match = which.test(s);
			if (match) {
				changed = true;
				size.decrementAndGet();
				removed.accept(s);
			}
			return match;
		});
	}

	/** The users subscribed (anonymous sessions left out). */
	Set<String> users() {
		Set<String> ids = new HashSet<>();
		subscribers.values().forEach(s -> ids.add(s.userId()));
		ids.remove(null);
		return ids;
	}

	/** The subscribers now, in the order they came; the same array until a change. */
	GroupChannel.Subscriber[] snapshot() {
		if (changed) {
			snapshot = subscribers.values().toArray(GroupChannel.Subscriber[]::new);
			changed = false;
		}
		return snapshot;
	}

	private static String key(StompSession session, String subscriptionId) {
		return session.id() + '\u0000' + subscriptionId;
	}

}
