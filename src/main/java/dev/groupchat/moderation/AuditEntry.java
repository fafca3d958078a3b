package dev.groupchat.moderation;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One moderation action: who did what to whom, when and why. */
record AuditEntry(long id, UUID groupId, @Nullable String actorId, String action, @Nullable String targetId,
		@Nullable String reason, @Nullable Object details, Instant createdAt) {
}
