package dev.groupchat.groups;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Implemented by the module that stores messages, so that the group list can show each
 * group's last message, and count the unread ones, without this module knowing what a
 * message is or who may see which.
 */
public interface LatestMessages {

	/**
	 * For each group, keyed by group id: its message at {@code lastSeq} as the viewer may
	 * see it (a placeholder for one they may not), and how many messages after the
	 * viewer's read marker they may not see (shadow-muted members' messages, for anyone
	 * but their sender and the moderators).
	 */
	Map<UUID, Latest> latest(String viewerId, Collection<Position> groups);

	/**
	 * A stored message as the messaging module shapes it; the group list shows it whole
	 * (serialized as its own type), this module reads only its seq.
	 */
	interface Message {

		long seq();

	}

	/**
	 * A group as the viewer stands in it: its last seq, the viewer's read marker, and
	 * whether the viewer sees shadow-muted members' messages (OWNER, ADMIN).
	 */
	record Position(UUID groupId, long lastSeq, long readSeq, boolean seesShadow) {
	}

	/**
	 * A group's last message for the viewer.
	 *
	 * @param message the last message, or null when it is not found
	 * @param hiddenUnread unread messages after the read marker the viewer may not see
	 */
	record Latest(@Nullable Message message, long hiddenUnread) {
	}

}
