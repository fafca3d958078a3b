package dev.groupchat.groups;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.identity.UserProfiles;
import dev.groupchat.identity.UserProfiles.UserSummary;
import dev.groupchat.safety.Blocks;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.Keyset;
import dev.groupchat.shared.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Listing, adding, changing and removing members, and bans. */
@Service
public class MemberManagement {

	private final MemberRepository members;

	private final BanRepository bans;

	private final Groups groups;

	private final Admission admission;

	private final Eligibility eligibility;

	private final UserProfiles profiles;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Ownership ownership;

	private final Blocks blocks;

	MemberManagement(MemberRepository members, BanRepository bans, Groups groups, Admission admission,
			Eligibility eligibility, UserProfiles profiles, ApplicationEventPublisher events, Clock clock,
			Ownership ownership, Blocks blocks) {
		this.blocks = blocks;
		this.ownership = ownership;
		this.members = members;
		this.bans = bans;
		this.groups = groups;
		this.admission = admission;
		this.eligibility = eligibility;
		this.profiles = profiles;
		this.events = events;
		this.clock = clock;
	}

	/** Members a search reads in join order before it asks the name index. */
	static final int SEARCH_WINDOW = 2000;

	/**
	 * Members in the order they joined (members only). Of a group whose member list is
	 * hidden, a MEMBER sees only the OWNER, the ADMINs and themselves.
	 */
	@Transactional(readOnly = true)
	public CursorPage<MemberView> list(CurrentUser user, UUID groupId, PageRequest page) {
		return list(user, groupId, page, null);
	}

	/**
	 * As {@link #list(CurrentUser, UUID, PageRequest)}, only those whose user id starts
	 * with {@code query} or whose name contains it (case-insensitively).
	 */
	@Transactional(readOnly = true)
	public CursorPage<MemberView> list(CurrentUser user, UUID groupId, PageRequest page, @Nullable String query) {
		Actor actor = groups.actor(groupId, user.id()).requireMember();
		boolean moderator = actor.role().isModerator();
		if (query != null && query.length() > 64) {
			throw DomainException.invalid("q is at most 64 characters");
		}
		CursorPage<Member> result;
		if (!moderator && actor.group().membersHidden()) {
			result = hiddenList(groupId, user.id(), page, query);
		}
		else if (query == null || query.isBlank()) {
			result = Keyset.TIME_AND_KEY.page(page,
					(after, limit) -> after == null ? members.findPage(groupId, Limit.of(limit))
							: members.findPageAfter(groupId, after.at(), after.key(), Limit.of(limit)),
					m -> new Keyset.TimeAndKey(m.joinedAt(), m.userId()));
		}
		else {
			String escaped = escape(query);
			String idPattern = escaped + "%";
			String namePattern = "%" + escaped.toLowerCase(Locale.ROOT) + "%";
			result = Keyset.TIME_AND_KEY.page(page,
					(after, limit) -> search(groupId, idPattern, namePattern,
							after == null ? new Keyset.TimeAndKey(Instant.EPOCH, "") : after, limit),
					m -> new Keyset.TimeAndKey(m.joinedAt(), m.userId()));
		}
		Map<String, UserSummary> names = profiles.findAll(result.items().stream().map(Member::userId).toList());
		Instant now = clock.instant();
		return result.map(m -> m.viewFor(nameOf(names.get(m.userId())), user.id(), moderator, now));
	}

	/**
	 * What a MEMBER sees of a hidden member list: the OWNER, the ADMINs and themselves
	 * (matching {@code query} when one is given).
	 */
	private CursorPage<Member> hiddenList(UUID groupId, String viewerId, PageRequest page, @Nullable String query) {
		boolean all = query == null || query.isBlank();
		String escaped = query == null || query.isBlank() ? "" : escape(query);
		String idPattern = escaped + "%";
		String namePattern = all ? "%" : "%" + escaped.toLowerCase(Locale.ROOT) + "%";
		return Keyset.TIME_AND_KEY.page(page, (after, limit) -> {
			Keyset.TimeAndKey from = after == null ? new Keyset.TimeAndKey(Instant.EPOCH, "") : after;
			return members.findVisibleWhenHidden(groupId, viewerId, idPattern, namePattern, from.at(), from.key(),
					limit);
		}, m -> new Keyset.TimeAndKey(m.joinedAt(), m.userId()));
	}

	private static String escape(String query) {
		return query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * Members matching a search after a position: first among the next
	 * {@value #SEARCH_WINDOW} members in join order (a common match fills the page
	 * there), then, only if that did not fill it, among all later members through the
	 * name index (a rare match). Either plan alone is slow for the other kind of query in
	 * a group of 100,000.
	 */
	private List<Member> search(UUID groupId, String idPattern, String namePattern, Keyset.TimeAndKey after,
			int limit) {
		List<Member> found = new ArrayList<>(
				members.searchWindow(groupId, idPattern, namePattern, after.at(), after.key(), SEARCH_WINDOW, limit));
		if (found.size() < limit) {
			List<Member> windowEnd = members.memberAt(groupId, after.at(), after.key(), SEARCH_WINDOW - 1);
			if (!windowEnd.isEmpty()) {
				Member last = windowEnd.getFirst();
				found.addAll(members.searchIndexed(groupId, idPattern, namePattern, last.joinedAt(), last.userId(),
						limit - found.size()));
			}
		}
		return found;
	}

	/**
	 * Adds a user; answers {@code created=false} with the member when they already were
	 * one. A user who blocked the caller cannot be added by them (403, as any other
	 * refusal to add).
	 */
	@Transactional
	public Added add(CurrentUser user, UUID groupId, String userId) {
		Actor actor = groups.lockedActor(groupId, user.id()).requireMayInvite();
		var existing = members.findById(new MemberKey(groupId, userId));
		if (existing.isPresent()) {
			return new Added(existing.get().view(profileName(userId)), false);
		}
		if (blocks.hasBlocked(userId, user.id())) {
			throw GroupProblems.cannotAdd();
		}
		UserSummary profile = profiles.find(userId).orElse(null);
		eligibility.check(new Eligibility.Candidate(Eligibility.Way.ADDED, profile == null ? null : profile.ageBand(),
				0, bans.existsById(new MemberKey(groupId, userId)), actor.group()));
		return new Added(admission.admit(actor.group(), userId, Role.MEMBER, user.id(), nameOf(profile)), true);
	}

	/**
	 * Changes a member's role (OWNER), mute or shadow mute (OWNER, ADMIN over lower
	 * roles).
	 */
	@Transactional
	public MemberView update(CurrentUser user, UUID groupId, String userId, MemberChange change) {
		if (change.role() == null && change.mutedUntil() == null && change.shadowMuted() == null) {
			throw DomainException.invalid("name a role, mutedUntil or shadowMuted to change");
		}
		Actor actor = groups.lockedActor(groupId, user.id()).requireMember();
		refuseProbing(actor, userId, "change members");
		Member target = member(groupId, userId);
		if (change.role() != null) {
			changeRole(actor, target, change.role());
		}
		if (change.mutedUntil() != null) {
			mute(actor, target, change.mutedUntil().orElse(null));
		}
		if (change.shadowMuted() != null) {
			shadowMute(actor, target, change.shadowMuted());
		}
		return target.moderatorView(profileName(userId), clock.instant());
	}

	private void changeRole(Actor actor, Member target, Role role) {
		actor.requireOwner("change roles");
		Role previous = target.role();
		if (role == previous) {
			return;
		}
		if (role == Role.OWNER) {
			ownership.handOver(actor.group(), actor.membership(), target);
			return;
		}
		target.changeRole(role);
		events.publishEvent(new MemberRoleChanged(actor.group().id(), target.view(profileName(target.userId())),
				previous, actor.userId(), actor.group().membersHidden()));
	}

	private void mute(Actor actor, Member target, @Nullable Instant until) {
		actor.requireOutranks(target, "mute");
		target.muteUntil(until);
		events.publishEvent(new MemberMuted(actor.group().id(), target.view(profileName(target.userId())), until,
				actor.userId(), actor.group().membersHidden()));
	}

	/**
	 * From now on the member's messages reach only them and the moderators; published
	 * (for the audit log) only when it changed.
	 */
	private void shadowMute(Actor actor, Member target, boolean on) {
		actor.requireOutranks(target, "shadow-mute");
		if (target.shadowMute(on)) {
			events.publishEvent(new MemberShadowMuted(actor.group().id(), target.userId(), on, actor.userId()));
		}
	}

	/**
	 * Leaving ({@code userId} is the caller) or kicking (OWNER, ADMIN over lower roles).
	 */
	@Transactional
	public void remove(CurrentUser user, UUID groupId, String userId) {
		Actor actor = groups.lockedActor(groupId, user.id()).requireMember();
		if (userId.equals(user.id())) {
			admission.remove(actor.group(), actor.membership(), user.id(), LeaveReason.LEFT);
			return;
		}
		refuseProbing(actor, userId, "remove members");
		Member target = member(groupId, userId);
		actor.requireOutranks(target, "remove");
		admission.remove(actor.group(), target, user.id(), LeaveReason.KICKED);
	}

	/** Bans a user (OWNER, ADMIN): removes them if a member and keeps them out. */
	@Transactional
	public Banned ban(CurrentUser user, UUID groupId, String userId, String reason) {
		Actor actor = groups.lockedActor(groupId, user.id()).requireModerator("ban");
		MemberKey key = new MemberKey(groupId, userId);
		var existing = bans.findById(key);
		if (existing.isPresent()) {
			return new Banned(existing.get().view(), false);
		}
		if (userId.equals(user.id())) {
			throw DomainException.conflict("you cannot ban yourself");
		}
		var target = members.findById(key);
		target.ifPresent(member -> actor.requireOutranks(member, "ban"));
		Ban ban = bans.save(new Ban(groupId, userId, reason, user.id(), clock.instant()));
		target.ifPresent(member -> admission.remove(actor.group(), member, user.id(), LeaveReason.BANNED));
		events.publishEvent(new MemberBanned(groupId, userId, user.id(), reason));
		return new Banned(ban.view(), true);
	}

	/** The group's bans, newest first (OWNER, ADMIN). */
	@Transactional(readOnly = true)
	public CursorPage<BanView> bans(CurrentUser user, UUID groupId, PageRequest page) {
		groups.actor(groupId, user.id()).requireModerator("see the bans");
		return Keyset.TIME_AND_KEY
			.page(page,
					(after, limit) -> after == null ? bans.findPage(groupId, Limit.of(limit))
							: bans.findPageAfter(groupId, after.at(), after.key(), Limit.of(limit)),
					b -> new Keyset.TimeAndKey(b.bannedAt(), b.userId()))
			.map(Ban::view);
	}

	/** Lifts a ban (OWNER, ADMIN). */
	@Transactional
	public void unban(CurrentUser user, UUID groupId, String userId) {
		groups.actor(groupId, user.id()).requireModerator("lift bans");
		Ban ban = bans.findById(new MemberKey(groupId, userId))
			.orElseThrow(() -> DomainException.notFound("ban of", userId));
		bans.delete(ban);
		events.publishEvent(new MemberUnbanned(groupId, userId, user.id()));
	}

	/**
	 * Of a group whose member list is hidden, a MEMBER acting on another user is refused
	 * before the lookup: 403 whether or not that user is a member, never a 404 that would
	 * tell.
	 */
	private static void refuseProbing(Actor actor, String userId, String action) {
		if (!userId.equals(actor.userId()) && actor.group().membersHidden()) {
			actor.requireModerator(action);
		}
	}

	private Member member(UUID groupId, String userId) {
		return members.findById(new MemberKey(groupId, userId)).orElseThrow(() -> GroupProblems.memberNotFound(userId));
	}

	private @Nullable String profileName(String userId) {
		return profiles.find(userId).map(UserSummary::name).orElse(null);
	}

	private static @Nullable String nameOf(@Nullable UserSummary profile) {
		return profile == null ? null : profile.name();
	}

	/** Result of {@link #add}: the member, and whether this call added them. */
	public record Added(MemberView member, boolean created) {
	}

	/** Result of {@link #ban}: the ban, and whether this call created it. */
	public record Banned(BanView ban, boolean created) {
	}

}
