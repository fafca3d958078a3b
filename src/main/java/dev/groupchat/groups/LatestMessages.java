package dev.groupchat.groups;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Implemented by the module that stores messages, so that the group list can show each
 * group's last message without this module knowing what a message is.
 */
public interface LatestMessages {

	/** The message with the given {@code seq} of each group, keyed by group id. */
	Map<UUID, ? extends Message> latest(Collection<GroupSeq> groups);

	/**
	 * A stored message as the messaging module shapes it; the group list shows it whole
	 * (serialized as its own type), this module reads only its seq.
	 */
	interface Message {

		long seq();

	}

	/** A group and one of its sequence numbers. */
	record GroupSeq(UUID groupId, long seq) {
	}

}
