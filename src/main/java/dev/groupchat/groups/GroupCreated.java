package dev.groupchat.groups;

import java.util.UUID;

/** A group was created; its owner is its first member. */
public record GroupCreated(UUID groupId, GroupKind kind, String ownerId) {
}
