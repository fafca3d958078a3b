package dev.groupchat.moderation;

import java.util.UUID;

/** A group's keyword filter was replaced. */
public record KeywordFilterChanged(UUID groupId, KeywordFilter filter, String by) {
}
