package dev.groupchat.groups;

import java.util.UUID;

/** A ban was lifted. */
public record MemberUnbanned(UUID groupId, String userId, String by) {
}
