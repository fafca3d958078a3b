package dev.groupchat.groups;

import java.util.UUID;

/**
 * A user stopped being a member: left, was kicked or banned. Their access ends now.
 * {@code membersHidden}: the group's member list is hidden (as it is after the leave), so
 * only the OWNER, the ADMINs and the user may learn of it.
 */
public record MemberLeft(UUID groupId, String userId, String by, LeaveReason reason, boolean membersHidden) {
}
