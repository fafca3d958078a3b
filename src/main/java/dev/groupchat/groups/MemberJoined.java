package dev.groupchat.groups;

import java.util.UUID;

/**
 * A user became a member: created the group, was added, joined, or was approved.
 * {@code by} is who let them in (the user themselves for a self-join).
 */
public record MemberJoined(UUID groupId, MemberView member, String by) {
}
