package dev.groupchat.groups;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Implemented by the module that keeps pins, so that the group JSON can carry each
 * group's announcement (a pinned message) without this module knowing what a pin or a
 * message is.
 */
public interface Announcements {

	/**
	 * The announcement in force of each of the given groups, keyed by group id; groups
	 * without one are absent. One batch for a whole page of groups.
	 */
	Map<UUID, ? extends LatestMessages.Message> of(Collection<UUID> groupIds);

}
