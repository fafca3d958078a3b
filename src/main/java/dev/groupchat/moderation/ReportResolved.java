package dev.groupchat.moderation;

import java.util.UUID;

/** A moderator resolved the open reports of a message. */
public record ReportResolved(UUID groupId, UUID reportId, long seq, String senderId, ReportAction action, String by,
		String reason) {
}
