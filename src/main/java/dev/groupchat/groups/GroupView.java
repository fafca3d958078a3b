package dev.groupchat.groups;

import java.time.Instant;
import java.util.UUID;

/**
 * A group as clients see it (contract: Groups). {@code retentionDays} is null when
 * messages are kept forever.
 */
public record GroupView(UUID id, GroupKind kind, String name, String description, String ownerId, int memberCount,
		JoinPolicy joinPolicy, PostPolicy postPolicy, int slowModeSeconds, int memberLimit, Visibility visibility,
		int minFanLevel, Integer retentionDays, Instant createdAt, long lastSeq) {
}
