package dev.groupchat.moderation;

import dev.groupchat.messaging.MessageView;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An open report as moderators see it. The reporter is deliberately absent: nobody, not
 * even a reported admin, learns who reported them.
 */
public record ReportView(UUID id, UUID groupId, long seq, String senderId, String reason, String status,
		Instant createdAt, @Nullable MessageView message) {
}
