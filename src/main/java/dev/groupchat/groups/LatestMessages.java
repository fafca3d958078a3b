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
	Map<UUID, Object> latest(Collection<GroupSeq> groups);

	/** A group and one of its sequence numbers. */
	record GroupSeq(UUID groupId, long seq) {
	}

}
