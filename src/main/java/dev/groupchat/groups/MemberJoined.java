package dev.groupchat.groups;

import java.util.UUID;

/**
 * A user became a member: created the group, was added, joined, or was approved.
 * {@code by} is who let them in (the user themselves for a self-join).
 * {@code membersHidden}: the group's member list is hidden now (this member counted), so
 * only the OWNER, the ADMINs and the member may learn of it.
 */
public record MemberJoined(UUID groupId, MemberView member, String by, boolean membersHidden) {
}
