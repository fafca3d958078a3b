package dev.groupchat.messaging;

import java.util.List;
import java.util.UUID;

/**
 * A user added or removed a reaction; {@code count} is how many users now react to the
 * message with {@code emoji} in the public counts (0 when it is gone). {@code shadow}:
 * the reactor is shadow-muted, so their reaction is not in {@code count} and only they
 * and the group's OWNER and ADMINs may learn of it; {@code shadowCount} counts such
 * reactions with this emoji, {@code shadowReactors} names who gave them (for a reaction
 * that is not a shadow one: they see their own counted in). Other emoji of the message
 * are unchanged by this event.
 */
public record ReactionChanged(UUID groupId, long seq, String emoji, int count, String userId, boolean added,
		boolean shadow, int shadowCount, List<String> shadowReactors) {

	/** The count as the group's OWNER and ADMINs see it: every reaction. */
	public int fullCount() {
		return count + shadowCount;
	}

	/** The count as the reactor sees it: the public one and their own. */
	public int reactorCount() {
		return shadow && added ? count + 1 : count;
	}

}
