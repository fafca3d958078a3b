package dev.groupchat.moderation;

import java.time.Instant;
import java.util.UUID;

/** One moderation action: who did what to whom, when and why. */
record AuditEntry(long id, UUID groupId, String actorId, String action, String targetId, String reason, Object details,
		Instant createdAt) {
}
