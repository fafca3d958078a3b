package dev.groupchat.groups;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A group in the caller's list: the group, how many messages they have not read, and the
 * last message (as the messaging module shapes it; null in a group without messages), the
 * caller's own settings for it, and its announcement (null when there is none).
 */
record GroupSummary(@JsonUnwrapped GroupView group, long unreadCount,
		@Schema(ref = "#/components/schemas/MessageView", nullable = true,
				description = "The group's last message, or null") LatestMessages.@Nullable Message lastMessage,
		MemberSettings settings, @Schema(ref = "#/components/schemas/MessageView", nullable = true,
				description = "The announcement in force (a pinned message), or null") LatestMessages.@Nullable Message announcement) {
}
