package dev.groupchat.messaging;

import java.util.Map;
import java.util.UUID;

/** A user added or removed a reaction; {@code reactions} are the message's counts now. */
public record ReactionChanged(UUID groupId, long seq, Map<String, Integer> reactions, String userId, String emoji, boolean added) {
}
