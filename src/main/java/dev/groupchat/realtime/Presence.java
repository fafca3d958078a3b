package dev.groupchat.realtime;

import org.springframework.stereotype.Component;

/**
 * Who has an open STOMP session on this node. Per node only: a user connected to another
 * node of a scaled-out deployment counts as offline here.
 */
@Component
public class Presence {

	private final UserQueues queues;

	Presence(UserQueues queues) {
		this.queues = queues;
	}

	/** Whether the user has at least one open session on this node. */
	public boolean isOnlineHere(String userId) {
		return queues.isConnected(userId);
	}

}
