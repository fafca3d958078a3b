package dev.groupchat.groups;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A group as clients see it (contract: Groups). {@code retentionDays} is null when
 * messages are kept forever. {@code hiddenMembers} is the setting in force (only the
 * OWNER and ADMINs see the member list); {@code hiddenMembersSource} says whether an
 * OWNER or ADMIN set it or it follows the automatic rule.
 */
public record GroupView(UUID id, GroupKind kind, String name, @Nullable String description, String ownerId,
		int memberCount, JoinPolicy joinPolicy, PostPolicy postPolicy, int slowModeSeconds, int memberLimit,
		Visibility visibility, int minFanLevel, @Nullable Integer retentionDays, Instant createdAt, long lastSeq,
		boolean hiddenMembers, HiddenMembersSource hiddenMembersSource) {
}
