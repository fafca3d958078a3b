package dev.groupchat.messaging;

import dev.groupchat.groups.LatestMessages;
import java.util.Set;
import java.util.UUID;

/**
 * A message as one reader gets it: whole, or as a placeholder in its place (a message
 * from a user the reader blocked, or a shadow-muted member's message). Placeholders keep
 * the seq, so the sequence a client sees has no gaps and it never thinks it missed a
 * message (docs/adr/hidden-messages-are-placeholders.md).
 */
public sealed interface ShownMessage extends LatestMessages.Message permits MessageView, HiddenMessage {

	UUID groupId();

	/**
	 * The message as {@code viewerId} gets it. {@code blocked}: whom the viewer blocked;
	 * {@code seesShadow}: whether they are an OWNER or ADMIN of the group. SYSTEM
	 * messages are never hidden: they are the group's, not their sender's. Moderators see
	 * every reaction counted; anyone else the public counts (their own shadow reactions
	 * are added by the caller that has them, {@link MessageView#withOwnShadowReactions}).
	 */
	static ShownMessage forViewer(MessageView message, String viewerId, Set<String> blocked, boolean seesShadow) {
		if (message.type() == MessageType.SYSTEM) {
			return seesShadow ? message.withAllReactions() : message;
		}
		if (!blocked.isEmpty() && blocked.contains(message.senderId())) {
			return HiddenMessage.blocked(message.groupId(), message.seq());
		}
		if (message.shadow() && !seesShadow && !message.senderId().equals(viewerId)) {
			return HiddenMessage.shadowed(message.groupId(), message.seq());
		}
		return seesShadow ? message.withAllReactions() : message;
	}

}
