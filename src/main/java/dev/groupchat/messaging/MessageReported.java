package dev.groupchat.messaging;

import java.util.UUID;

/** A member reported a message. The reporter is never shown to the reported user. */
public record MessageReported(UUID reportId, UUID groupId, long seq, String reporterId, String reason) {
}
