package dev.groupchat.groups;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.Keyset;
import dev.groupchat.shared.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Listing and revoking invite links. OWNER and ADMIN see and revoke every invite of their
 * group; a member who may invite (any member of a CHAT group) sees and revokes their own.
 */
@Service
class InviteManagement {

	private final Groups groups;

	private final InviteRepository invites;

	private final Clock clock;

	InviteManagement(Groups groups, InviteRepository invites, Clock clock) {
		this.groups = groups;
		this.invites = invites;
		this.clock = clock;
	}

	/**
	 * The group's live invites, newest first: all of them for a moderator, else the
	 * caller's own.
	 */
	@Transactional(readOnly = true)
	CursorPage<InviteView> list(CurrentUser user, UUID groupId, PageRequest page) {
		Actor actor = groups.actor(groupId, user.id()).requireMayInvite();
		String createdBy = actor.role().isModerator() ? null : user.id();
		Instant now = clock.instant();
		return Keyset.TIME_AND_KEY
			.page(page,
					(before, limit) -> before == null ? invites.findLive(groupId, createdBy, Limit.of(limit))
							: invites.findLiveBefore(groupId, createdBy, before.at(), before.key(), Limit.of(limit)),
					i -> new Keyset.TimeAndKey(i.createdAt(), i.code()))
			.map(i -> i.view(now));
	}

	/**
	 * Revokes an invite of the group (OWNER, ADMIN, its creator); revoking it again is
	 * harmless.
	 */
	@Transactional
	void revoke(CurrentUser user, UUID groupId, String code) {
		Actor actor = groups.actor(groupId, user.id()).requireMember();
		Invite invite = invites.lockInGroup(groupId, code).orElseThrow(() -> DomainException.notFound("invite", code));
		if (!actor.role().isModerator() && !invite.createdBy().equals(user.id())) {
			throw GroupProblems.needsRole("revoke invites of others");
		}
		invite.revoke(user.id(), clock.instant());
	}

}
