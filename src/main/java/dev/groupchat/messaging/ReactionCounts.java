package dev.groupchat.messaging;

import java.util.List;
import java.util.Map;

/**
 * A message's reaction counts after a change: {@code counts} public (without shadow
 * reactions), {@code shadow} the shadow reactions apart, {@code ownShadow} the emoji of
 * the reactor's own shadow reactions to it, {@code shadowReactors} who gave a shadow
 * reaction with the emoji that changed.
 */
record ReactionCounts(Map<String, Integer> counts, Map<String, Integer> shadow, List<String> ownShadow,
		List<String> shadowReactors) {

	/** The counts as the group's OWNER and ADMINs see them: all reactions. */
	Map<String, Integer> full() {
		return MessageView.merged(counts, shadow);
	}

	/** The counts as the reactor sees them: the public ones and their own. */
	Map<String, Integer> asReactorSees() {
		return MessageView.withOwn(counts, ownShadow);
	}

}
