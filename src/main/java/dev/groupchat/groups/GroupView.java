package dev.groupchat.groups;

import java.time.Instant;
import java.util.UUID;

/** A group as clients see it (contract: Groups). */
public record GroupView(UUID id, GroupKind kind, String name, String description, String ownerId, int memberCount,
		JoinPolicy joinPolicy, PostPolicy postPolicy, int slowModeSeconds, int memberLimit, Visibility visibility,
		int minFanLevel, Instant createdAt, long lastSeq) {
}
