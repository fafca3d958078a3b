package dev.groupchat.groups;

import java.util.UUID;

/**
 * An OWNER or ADMIN ({@code by}) resumed an invite that raid defence had paused. The
 * group's join policy stays as it is: switching back is a settings change of its own.
 */
public record InviteResumed(UUID groupId, String code, String by) {
}
