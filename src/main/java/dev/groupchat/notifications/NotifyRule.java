package dev.groupchat.notifications;

import dev.groupchat.groups.GroupKind;
import dev.groupchat.groups.NotifyLevel;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a member is told about a message: never the sender, never one who blocked the
 * sender, nobody but the moderators for a shadow-muted member's message, nobody while
 * their notifications are muted, nobody at NONE; at MENTIONS only when mentioned by name,
 * by {@code @all}, or replied to.
 */
final class NotifyRule {

	static final String ALL = "@all";

	private NotifyRule() {
	}

	/**
	 * What the rule needs of the message; {@code shadow}: sent while its sender was
	 * shadow-muted.
	 */
	record Message(String senderId, Set<String> mentions, @Nullable String repliedToUserId, GroupKind kind,
			boolean shadow) {

		boolean mentions(String userId) {
			return mentions.contains(userId) || mentions.contains(ALL) || userId.equals(repliedToUserId);
		}

	}

	/**
	 * What the rule needs of a member; {@code moderator}: OWNER or ADMIN;
	 * {@code blocksSender}: they blocked the message's sender.
	 */
	record Member(String userId, @Nullable NotifyLevel level, @Nullable Instant mutedUntil, boolean mutedForever,
			boolean moderator, boolean blocksSender) {

		boolean muted(Instant now) {
			return mutedForever || (mutedUntil != null && mutedUntil.isAfter(now));
		}

	}

	static boolean notifies(Member member, Message message, Instant now) {
		if (member.userId().equals(message.senderId()) || member.blocksSender() || member.muted(now)
				|| (message.shadow() && !member.moderator())) {
			return false;
		}
		NotifyLevel level = member.level() != null ? member.level() : NotifyLevel.defaultFor(message.kind());
		return switch (level) {
			case ALL -> true;
			case MENTIONS -> message.mentions(member.userId());
			case NONE -> false;
		};
	}

}
