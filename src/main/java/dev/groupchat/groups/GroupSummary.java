package dev.groupchat.groups;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A group in the caller's list: the group, how many messages they have not read, and the
 * last message (as the messaging module shapes it; null in a group without messages), the
 * caller's own settings for it, and its announcement (null when there is none).
 */
record GroupSummary(@JsonUnwrapped GroupView group, long unreadCount, LatestMessages.Message lastMessage,
		MemberSettings settings, LatestMessages.Message announcement) {
}
