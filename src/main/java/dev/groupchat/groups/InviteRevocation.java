package dev.groupchat.groups;

import java.time.Clock;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ends the invites of a creator who lost the right to invite: they left, were kicked or
 * banned, or were demoted to MEMBER in a FAN group. Runs in the transaction of the
 * change, so no join can use such an invite afterwards; the invites stay revoked if the
 * creator gets the right back.
 */
@Component
class InviteRevocation {

	private final InviteRepository invites;

	private final GroupRepository groups;

	private final Clock clock;

	InviteRevocation(InviteRepository invites, GroupRepository groups, Clock clock) {
		this.invites = invites;
		this.groups = groups;
		this.clock = clock;
	}

	@EventListener
	void on(MemberLeft left) {
		revoke(left.groupId(), left.userId(), left.by());
	}

	@EventListener
	void on(MemberRoleChanged changed) {
		if (changed.member().role().isModerator()) {
			return;
		}
		boolean fan = groups.findById(changed.groupId()).map(g -> g.kind() == GroupKind.FAN).orElse(true);
		if (fan) {
			revoke(changed.groupId(), changed.member().userId(), changed.by());
		}
	}

	private void revoke(UUID groupId, String creator, String by) {
		invites.revokeAllOf(groupId, creator, by, clock.instant());
	}

}
