package dev.groupchat.groups;

import java.util.UUID;

/** A user stopped being a member: left, was kicked or banned. Their access ends now. */
public record MemberLeft(UUID groupId, String userId, String by, LeaveReason reason) {
}
