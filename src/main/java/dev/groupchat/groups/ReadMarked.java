package dev.groupchat.groups;

import java.util.UUID;

/** A member's read marker moved to {@code seq}. */
public record ReadMarked(UUID groupId, String userId, long seq) {
}
