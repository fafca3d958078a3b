package dev.groupchat.groups;

import java.util.UUID;

/** A group's settings or owner changed; carries the group as it now is. */
public record GroupUpdated(UUID groupId, GroupView group, String by) {
}
