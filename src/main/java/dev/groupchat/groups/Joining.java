package dev.groupchat.groups;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.identity.UserProfiles;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.Keyset;
import dev.groupchat.shared.PageRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ways in for people not added by a member: invite links, public joins and join requests.
 */
@Service
class Joining {

	private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private static final int CODE_LENGTH = 12;

	private final SecureRandom random = new SecureRandom();

	private final Groups groups;

	private final MemberRepository members;

	private final BanRepository bans;

	private final InviteRepository invites;

	private final JoinRequestRepository requests;

	private final Admission admission;

	private final RaidDefence raidDefence;

	private final Eligibility eligibility;

	private final UserProfiles profiles;

	private final GroupsProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Joining(Groups groups, MemberRepository members, BanRepository bans, InviteRepository invites,
			JoinRequestRepository requests, Admission admission, RaidDefence raidDefence, Eligibility eligibility,
			UserProfiles profiles, GroupsProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.raidDefence = raidDefence;
		this.groups = groups;
		this.members = members;
		this.bans = bans;
		this.invites = invites;
		this.requests = requests;
		this.admission = admission;
		this.eligibility = eligibility;
		this.profiles = profiles;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/** Creates an invite link (OWNER, ADMIN; any member of a CHAT group). */
	@Transactional
	InviteView createInvite(CurrentUser user, UUID groupId, @Nullable Integer maxUses,
			@Nullable Integer expiresInSeconds) {
		groups.actor(groupId, user.id()).requireMayInvite();
		Instant now = clock.instant();
		Duration ttl = expiresInSeconds == null ? properties.defaultInviteTtl() : Duration.ofSeconds(expiresInSeconds);
		return invites.save(new Invite(newCode(), groupId, user.id(), maxUses, now.plus(ttl), now)).view(now);
	}

	/**
	 * Joins through an invite code: a member at once, or a pending request under
	 * APPROVAL. A use that trips the raid defence pauses the invite and switches the
	 * group to APPROVAL: that join becomes a request, later ones through it are refused.
	 */
	@Transactional
	JoinOutcome joinByInvite(CurrentUser user, String code) {
		Invite invite = invites.lockByCode(code).orElseThrow(() -> DomainException.notFound("invite", code));
		Group group = groups.locked(invite.groupId());
		var existing = members.findById(new MemberKey(group.id(), user.id()));
		if (existing.isPresent()) {
			return new JoinOutcome.Joined(existing.get().view(user.name()), false);
		}
		checkSelfJoin(user, group);
		if (group.joinPolicy() == JoinPolicy.APPROVAL && hasPendingRequest(group.id(), user.id())) {
			return new JoinOutcome.Pending(); // a retry: the invite was used when the
												// request was made
		}
		raidDefence.use(group, invite, clock.instant());
		return group.joinPolicy() == JoinPolicy.APPROVAL ? request(user, group, invite.code())
				: join(user, group, invite.code());
	}

	/** Joins a PUBLIC fan group that is OPEN, or asks to join one under APPROVAL. */
	@Transactional
	JoinOutcome joinPublic(CurrentUser user, UUID groupId) {
		Actor actor = groups.lockedActor(groupId, user.id());
		if (actor.isMember()) {
			return new JoinOutcome.Joined(actor.membership().viewFor(user.name(), user.id(), false, clock.instant()),
					false);
		}
		Group group = actor.group();
		if (group.joinPolicy() == JoinPolicy.INVITE_ONLY) {
			throw DomainException.forbidden("this group can only be joined with an invite");
		}
		checkSelfJoin(user, group);
		return group.joinPolicy() == JoinPolicy.APPROVAL ? request(user, group, null) : join(user, group, null);
	}

	/** Pending join requests, oldest first (OWNER, ADMIN). */
	@Transactional(readOnly = true)
	CursorPage<JoinRequestView> pending(CurrentUser user, UUID groupId, PageRequest page) {
		groups.actor(groupId, user.id()).requireModerator("see join requests");
		CursorPage<JoinRequest> result = Keyset.TIME_AND_KEY.page(page,
				(after, limit) -> after == null ? requests.findPending(groupId, Limit.of(limit))
						: requests.findPendingAfter(groupId, after.at(), after.key(), Limit.of(limit)),
				r -> new Keyset.TimeAndKey(r.requestedAt(), r.userId()));
		var names = profiles.findAll(result.items().stream().map(JoinRequest::userId).toList());
		return result.map(r -> r.view(names.containsKey(r.userId()) ? names.get(r.userId()).name() : null));
	}

	/** Approves (OWNER, ADMIN): the user becomes a member, if the group has room. */
	@Transactional
	MemberView approve(CurrentUser user, UUID groupId, String userId) {
		Actor actor = groups.lockedActor(groupId, user.id()).requireModerator("decide join requests");
		JoinRequest request = pendingRequest(groupId, userId);
		if (bans.existsById(new MemberKey(groupId, userId))) {
			throw GroupProblems.banned();
		}
		request.decide(true, user.id(), clock.instant());
		MemberView member = admission.admitNewcomer(actor.group(), userId, user.id(),
				profiles.find(userId).map(UserProfiles.UserSummary::name).orElse(null), request.inviteCode());
		events.publishEvent(new JoinRequestDecided(groupId, userId, true, user.id()));
		return member;
	}

	/** Rejects (OWNER, ADMIN). */
	@Transactional
	void reject(CurrentUser user, UUID groupId, String userId) {
		groups.actor(groupId, user.id()).requireModerator("decide join requests");
		pendingRequest(groupId, userId).decide(false, user.id(), clock.instant());
		events.publishEvent(new JoinRequestDecided(groupId, userId, false, user.id()));
	}

	private JoinRequest pendingRequest(UUID groupId, String userId) {
		return requests.findById(new MemberKey(groupId, userId))
			.filter(JoinRequest::isPending)
			.orElseThrow(() -> DomainException.notFound("pending join request of", userId));
	}

	private boolean hasPendingRequest(UUID groupId, String userId) {
		return requests.findById(new MemberKey(groupId, userId)).filter(JoinRequest::isPending).isPresent();
	}

	private void checkSelfJoin(CurrentUser user, Group group) {
		eligibility.check(new Eligibility.Candidate(Eligibility.Way.SELF_JOIN, user.ageBand(), user.fanLevel(),
				bans.existsById(new MemberKey(group.id(), user.id())), group));
	}

	private JoinOutcome join(CurrentUser user, Group group, @Nullable String inviteCode) {
		return new JoinOutcome.Joined(admission.admitNewcomer(group, user.id(), user.id(), user.name(), inviteCode),
				true);
	}

	private JoinOutcome request(CurrentUser user, Group group, @Nullable String inviteCode) {
		MemberKey key = new MemberKey(group.id(), user.id());
		var existing = requests.findById(key);
		if (existing.isPresent() && existing.get().isPending()) {
			return new JoinOutcome.Pending();
		}
		if (group.memberCount() >= group.memberLimit()) {
			throw GroupProblems.full(group.memberLimit());
		}
		existing.ifPresentOrElse(r -> r.renew(clock.instant(), inviteCode),
				() -> requests.save(new JoinRequest(group.id(), user.id(), clock.instant(), inviteCode)));
		events.publishEvent(new JoinRequested(group.id(), user.id()));
		return new JoinOutcome.Pending();
	}

	private String newCode() {
		StringBuilder code = new StringBuilder(CODE_LENGTH);
		for (int i = 0; i < CODE_LENGTH; i++) {
			code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
		}
		return code.toString();
	}

}
