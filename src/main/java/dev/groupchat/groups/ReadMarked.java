package dev.groupchat.groups;

import java.util.UUID;

/**
 * A member's read marker moved to {@code seq}. {@code membersHidden}: the group's member
 * list is hidden, so the marker (which names a member) is for the OWNER, the ADMINs and
 * the member alone.
 */
public record ReadMarked(UUID groupId, String userId, long seq, boolean membersHidden) {
}
