package dev.groupchat.messaging;

import java.util.UUID;

/**
 * Someone voted in a poll (inside the vote's transaction); {@link PollUpdates} tells the
 * group.
 */
record PollVoted(UUID groupId, long seq) {
}
