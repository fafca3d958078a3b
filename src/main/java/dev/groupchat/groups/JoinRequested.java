package dev.groupchat.groups;

import java.util.UUID;

/** A user asked to join a group under APPROVAL. */
public record JoinRequested(UUID groupId, String userId) {
}
