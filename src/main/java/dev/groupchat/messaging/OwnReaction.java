package dev.groupchat.messaging;

import java.time.Instant;
import java.util.UUID;

/** A reaction a user gave to a message, as their data export lists it. */
public record OwnReaction(UUID groupId, long seq, String emoji, Instant createdAt) {
}
