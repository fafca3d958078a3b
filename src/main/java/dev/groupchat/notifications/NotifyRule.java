package dev.groupchat.notifications;

import dev.groupchat.groups.GroupKind;
import dev.groupchat.groups.NotifyLevel;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a member is told about a message: never the sender, nobody while their
 * notifications are muted, nobody at NONE; at MENTIONS only when mentioned by name, by
 * {@code @all}, or replied to.
 */
final class NotifyRule {

	static final String ALL = "@all";

	private NotifyRule() {
	}

	/** What the rule needs of the message. */
	record Message(String senderId, Set<String> mentions, String repliedToUserId, GroupKind kind) {

		boolean mentions(String userId) {
			return mentions.contains(userId) || mentions.contains(ALL) || userId.equals(repliedToUserId);
		}

	}

	/** What the rule needs of a member. */
	record Member(String userId, @Nullable NotifyLevel level, @Nullable Instant mutedUntil, boolean mutedForever) {

		boolean muted(Instant now) {
			return mutedForever || (mutedUntil != null && mutedUntil.isAfter(now));
		}

	}

	static boolean notifies(Member member, Message message, Instant now) {
		if (member.userId().equals(message.senderId()) || member.muted(now)) {
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
