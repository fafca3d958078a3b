package dev.groupchat.groups;

import java.util.UUID;

/**
 * A member changed their own settings for a group; their other sessions learn it live.
 */
public record MemberSettingsChanged(UUID groupId, String userId, MemberSettings settings) {
}
