package dev.groupchat.realtime;

import dev.groupchat.identity.CurrentUser;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The sessions of each connected user, for {@code /user/queue/events}. */
@Component
class UserQueues {

	static final String EVENTS = "/user/queue/events";

	static final String ACKS = "/user/queue/acks";

	private final Map<String, Set<StompSession>> sessions = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final BusInterest interest;

	private final int maxSessionsPerUser;

	private final PresenceStore presence;

	UserQueues(@Lazy BusInterest interest, RealtimeProperties properties, PresenceStore presence) {
		this.interest = interest;
		this.presence = presence;
		this.maxSessionsPerUser = properties.maxSessionsPerUser();
	}

	/**
	 * Adds a connected session unless its user already holds the most sessions allowed on
	 * this node; the count is per node (a user's sessions on other nodes are not
	 * counted).
	 */
	boolean add(StompSession session) {
		boolean[] added = { false };
		sessions.compute(StompSession.connectedUser(session).id(), (id, set) -> {
			Set<StompSession> result = set;
			if (result == null) {
				interest.userWanted(id);
				presence.online(id);
				result = ConcurrentHashMap.newKeySet();
			}
			if (result.size() < maxSessionsPerUser) {
				added[0] = result.add(session);
			}
			return result;
		});
		return added[0];
	}

	void remove(StompSession session) {
		CurrentUser user = session.user();
		if (user == null) {
			return;
		}
		sessions.computeIfPresent(user.id(), (id, set) -> {
			set.remove(session);
			if (set.isEmpty()) {
				interest.userUnwanted(id);
				presence.offline(id);
				return null;
			}
			return set;
		});
	}

	void deliver(String userId, String json) {
		for (StompSession session : sessions.getOrDefault(userId, Set.of())) {
			send(session, EVENTS, json);
		}
	}

	/** Sends to the session's subscription of a user queue, if it subscribed to it. */
	void send(StompSession session, String queue, String json) {
		session.subscriptionTo(queue)
			.ifPresent(subscriptionId -> session
				.send(StompFrames.message(subscriptionId, queue, "u-" + ids.incrementAndGet(), json)));
	}

	/**
	 * The user blocked or unblocked {@code otherId}: the block set of each of their
	 * sessions on this node changes now.
	 */
	void blockChanged(String userId, String otherId, boolean blocked) {
		for (StompSession session : sessions.getOrDefault(userId, Set.of())) {
			session.blockChanged(otherId, blocked);
		}
	}

	boolean isConnected(String userId) {
		return sessions.containsKey(userId);
	}

	int connectedUsers() {
		return sessions.size();
	}

}
