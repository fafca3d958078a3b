package dev.groupchat.groups;

import java.util.UUID;

/**
 * A member's role changed (promotion, demotion or ownership hand-over).
 * {@code membersHidden}: as for {@link MemberJoined}.
 */
public record MemberRoleChanged(UUID groupId, MemberView member, Role previousRole, String by, boolean membersHidden) {
}
