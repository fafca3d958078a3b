package dev.groupchat.groups;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Raid defence paused an invite: {@code joins} uses of it within {@code window} were more
 * than allowed. Its group now answers joins with join requests ({@code group} as it now
 * is; {@code previousJoinPolicy} what it was before, APPROVAL when nothing changed). The
 * server did this, not a user. For the group's OWNER and ADMINs only: the code is theirs
 * to see.
 */
public record InvitePaused(UUID groupId, String code, int joins, Duration window, Instant pausedAt,
		JoinPolicy previousJoinPolicy, GroupView group) {

	/** Whether the group's join policy changed with the pause. */
	public boolean joinPolicyChanged() {
		return previousJoinPolicy != group.joinPolicy();
	}

}
