package dev.groupchat.groups;

import java.util.UUID;

/** A user was banned: removed if a member, and kept out. */
public record MemberBanned(UUID groupId, String userId, String by, String reason) {
}
