package dev.groupchat.groups;

import java.util.UUID;

/**
 * A group's settings or owner changed; carries the group as it now is, and its name
 * before the change (equal to the current one when it was not renamed).
 */
public record GroupUpdated(UUID groupId, GroupView group, String by, String previousName) {
}
