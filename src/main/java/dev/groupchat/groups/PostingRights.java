package dev.groupchat.groups;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a sender may do in a group at the moment their message takes {@code seq}: read
 * with the group's row locked. {@code role} is null when the sender is not a member;
 * {@code previousPostAt} is when they posted before this message (null if never);
 * {@code membersHidden}: the group's member list is hidden from MEMBERs.
 */
public record PostingRights(long seq, @Nullable Role role, @Nullable Instant mutedUntil, PostPolicy postPolicy,
		int slowModeSeconds, GroupKind kind, int memberCount, @Nullable Instant previousPostAt, boolean membersHidden) {

	public static PostingRights of(Sequencer.GroupState group, Sequencer.@Nullable SenderState sender, long seq,
			@Nullable Instant previousPostAt) {
		return new PostingRights(seq, sender == null ? null : sender.role(),
				sender == null ? null : sender.mutedUntil(), group.postPolicy(), group.slowModeSeconds(), group.kind(),
				group.memberCount(), previousPostAt, group.membersHidden());
	}

	public boolean isMember() {
		return role != null;
	}

	/** Whether the sender is the group's OWNER or an ADMIN. */
	public boolean isModerator() {
		return role != null && role.isModerator();
	}

	public boolean isMutedAt(Instant now) {
		return mutedUntil != null && mutedUntil.isAfter(now);
	}

	/**
	 * Seconds until slow mode lets this member post again; 0 when they may post now
	 * (moderators always may).
	 */
	public long slowModeWaitSeconds(Instant now) {
		if (slowModeSeconds == 0 || previousPostAt == null || role == null || role.isModerator()) {
			return 0;
		}
		long waitMillis = previousPostAt.plusSeconds(slowModeSeconds).toEpochMilli() - now.toEpochMilli();
		return waitMillis <= 0 ? 0 : (waitMillis + 999) / 1000;
	}

}
