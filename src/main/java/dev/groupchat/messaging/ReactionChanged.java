package dev.groupchat.messaging;

import java.util.UUID;

/**
 * A user added or removed a reaction; {@code count} is how many users now react to the
 * message with {@code emoji} (0 when it is gone). Other emoji of the message are
 * unchanged by this event.
 */
public record ReactionChanged(UUID groupId, long seq, String emoji, int count, String userId, boolean added) {
}
