package dev.groupchat.groups;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.identity.UserProfiles;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.Keyset;
import dev.groupchat.shared.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Listing, revoking and resuming invite links. OWNER and ADMIN see and revoke every
 * invite of their group; a member who may invite (any member of a CHAT group) sees and
 * revokes their own.
 */
@Service
class InviteManagement {

	private final Groups groups;

	private final InviteRepository invites;

	private final MemberRepository members;

	private final UserProfiles profiles;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	InviteManagement(Groups groups, InviteRepository invites, MemberRepository members, UserProfiles profiles,
			ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.groups = groups;
		this.invites = invites;
		this.members = members;
		this.profiles = profiles;
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
		CursorPage<Invite> result = Keyset.TIME_AND_KEY.page(page,
				(before, limit) -> before == null ? invites.findLive(groupId, createdBy, Limit.of(limit))
						: invites.findLiveBefore(groupId, createdBy, before.at(), before.key(), Limit.of(limit)),
				i -> new Keyset.TimeAndKey(i.createdAt(), i.code()));
		Map<String, Long> brought = new HashMap<>();
		if (!result.items().isEmpty()) {
			for (Object[] row : members.countJoinedWith(groupId, result.items().stream().map(Invite::code).toList())) {
				brought.put((String) row[0], (Long) row[1]);
			}
		}
		return result.map(i -> i.view(now, brought.getOrDefault(i.code(), 0L)));
	}

	/**
	 * The members who joined with one invite, in join order (OWNER, ADMIN, the invite's
	 * creator): which fans a link brought. Of a group whose member list is hidden, a
	 * creator who is a MEMBER sees only the OWNER, the ADMINs and themselves among them.
	 */
	@Transactional(readOnly = true)
	CursorPage<MemberView> joinedWith(CurrentUser user, UUID groupId, String code, PageRequest page) {
		Actor actor = groups.actor(groupId, user.id()).requireMember();
		Invite invite = invites.findById(code)
			.filter(i -> i.groupId().equals(groupId))
			.orElseThrow(() -> DomainException.notFound("invite", code));
		if (!actor.role().isModerator() && !invite.createdBy().equals(user.id())) {
			throw GroupProblems.needsRole("see who joined with invites of others");
		}
		boolean hidden = !actor.role().isModerator() && actor.group().membersHidden();
		CursorPage<Member> result = Keyset.TIME_AND_KEY.page(page, (after, limit) -> {
			if (hidden) {
				Keyset.TimeAndKey from = after == null ? new Keyset.TimeAndKey(Instant.EPOCH, "") : after;
				return members.findVisibleJoinedWithAfter(groupId, code, user.id(), from.at(), from.key(),
						Limit.of(limit));
			}
			return after == null ? members.findJoinedWith(groupId, code, Limit.of(limit))
					: members.findJoinedWithAfter(groupId, code, after.at(), after.key(), Limit.of(limit));
		}, m -> new Keyset.TimeAndKey(m.joinedAt(), m.userId()));
		Map<String, UserProfiles.UserSummary> names = profiles
			.findAll(result.items().stream().map(Member::userId).toList());
		boolean moderator = actor.role().isModerator();
		Instant now = clock.instant();
		return result.map(m -> {
			String name = names.containsKey(m.userId()) ? names.get(m.userId()).name() : null;
			return m.viewFor(name, user.id(), moderator, now);
		});
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

	/**
	 * Resumes an invite raid defence paused (OWNER, ADMIN), counting from a fresh window;
	 * resuming one that is not paused changes nothing. The group's join policy stays.
	 */
	@Transactional
	InviteView resume(CurrentUser user, UUID groupId, String code) {
		groups.actor(groupId, user.id()).requireModerator("resume invites");
		Invite invite = invites.lockInGroup(groupId, code).orElseThrow(() -> DomainException.notFound("invite", code));
		if (invite.resume()) {
			events.publishEvent(new InviteResumed(groupId, code, user.id()));
		}
		return invite.view(clock.instant(),
				members.countJoinedWith(groupId, List.of(code)).stream().mapToLong(row -> (Long) row[1]).sum());
	}

}
