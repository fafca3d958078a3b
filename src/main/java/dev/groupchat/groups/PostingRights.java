package dev.groupchat.groups;

import java.time.Instant;

/**
 * What a sender may do in a group, read in the same statement that gave their message its
 * {@code seq}. {@code role} is null when the sender is not a member.
 */
public record PostingRights(long seq, Role role, Instant mutedUntil, PostPolicy postPolicy, int slowModeSeconds,
		GroupKind kind, int memberCount) {

	public boolean isMember() {
		return role != null;
	}

	public boolean isMutedAt(Instant now) {
		return mutedUntil != null && mutedUntil.isAfter(now);
	}

}
