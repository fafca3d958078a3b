package dev.groupchat.groups;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A group in the caller's list: the group, how many messages they have not read, and the
 * last message (as the messaging module shapes it; null in a group without messages), and
 * the caller's own settings for it.
 */
record GroupSummary(@JsonUnwrapped GroupView group, long unreadCount, LatestMessages.Message lastMessage,
		MemberSettings settings) {
}
