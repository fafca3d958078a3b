package dev.groupchat.groups;

import java.util.UUID;

/** A moderator approved or rejected a join request. */
public record JoinRequestDecided(UUID groupId, String userId, boolean approved, String by) {
}
