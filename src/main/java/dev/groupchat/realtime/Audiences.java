package dev.groupchat.realtime;

import dev.groupchat.messaging.MessageType;
import dev.groupchat.messaging.MessageView;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who gets a message event whole. A user's message is hidden from those who blocked its
 * sender (its subject); a shadow-muted member's message reaches whole only its sender and
 * the group's OWNER and ADMINs (its audience). SYSTEM messages are the group's: hidden
 * from nobody.
 */
final class Audiences {

	private Audiences() {
	}

	/** The user whose blockers do not get the message; null for SYSTEM messages. */
	static @Nullable String subject(MessageView message) {
		return message.type() == MessageType.SYSTEM ? null : message.senderId();
	}

	/** The only users who get it whole, or null for everyone. */
	static @Nullable Set<String> of(MessageView message, Set<String> moderators) {
		if (!message.shadow() || message.type() == MessageType.SYSTEM) {
			return null;
		}
		Set<String> audience = new HashSet<>(moderators);
		audience.add(message.senderId());
		return Set.copyOf(audience);
	}

	/** As {@link #of}, as the bus carries it. */
	static @Nullable List<String> list(MessageView message, Set<String> moderators) {
		Set<String> audience = of(message, moderators);
		return audience == null ? null : List.copyOf(audience);
	}

}
