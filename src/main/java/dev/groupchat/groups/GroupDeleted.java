package dev.groupchat.groups;

import java.util.List;
import java.util.UUID;

/** A group was deleted by its owner; {@code memberIds} are the members it had. */
public record GroupDeleted(UUID groupId, String by, List<String> memberIds) {
}
