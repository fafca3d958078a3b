package dev.groupchat.realtime;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who has an open STOMP session: on this node (in memory, at once) or on any live node of
 * a scaled-out deployment (the shared presence table, a fraction of a second late; see
 * {@link PresenceStore}).
 */
@Component
public class Presence {

	private final UserQueues queues;

	private final PresenceStore store;

	Presence(UserQueues queues, PresenceStore store) {
		this.queues = queues;
		this.store = store;
	}

	/** Whether the user has at least one open session on this node. */
	public boolean isOnlineHere(String userId) {
		return queues.isConnected(userId);
	}

	/**
	 * Which of {@code userIds} have a session here or on another live node; one
	 * statement.
	 */
	public Set<String> onlineAmong(Collection<String> userIds) {
		Set<String> online = new HashSet<>(store.onlineAmong(userIds));
		for (String userId : userIds) {
			if (queues.isConnected(userId)) {
				online.add(userId);
			}
		}
		return online;
	}

}
