package dev.groupchat.groups;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.identity.UserProfiles;
import dev.groupchat.safety.Blocks;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.Cursors;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.Keyset;
import dev.groupchat.shared.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, reading, configuring and deleting groups. */
@Service
class GroupManagement {

	private final GroupRepository groupRepository;

	private final Groups groups;

	private final Admission admission;

	private final Eligibility eligibility;

	private final UserProfiles profiles;

	private final GroupsProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ObjectProvider<LatestMessages> latestMessages;

	private final ObjectProvider<Announcements> announcements;

	private final Ownership ownership;

	private final Blocks blocks;

	GroupManagement(GroupRepository groupRepository, Ownership ownership, Groups groups, Admission admission,
			Eligibility eligibility, UserProfiles profiles, GroupsProperties properties,
			ApplicationEventPublisher events, Clock clock, ObjectProvider<LatestMessages> latestMessages, Blocks blocks,
			ObjectProvider<Announcements> announcements) {
		this.blocks = blocks;
		this.latestMessages = latestMessages;
		this.announcements = announcements;
		this.groupRepository = groupRepository;
		this.ownership = ownership;
		this.groups = groups;
		this.admission = admission;
		this.eligibility = eligibility;
		this.profiles = profiles;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Creates a group owned by the caller, with the given members added by them (403 when
	 * one of them may not be added by the caller, as for a single add).
	 */
	@Transactional
	GroupDetails create(CurrentUser user, NewGroup request) {
		eligibility
			.check(new Eligibility.Candidate(Eligibility.Way.CREATE, user.ageBand(), user.fanLevel(), false, null));
		Set<String> invited = new LinkedHashSet<>(request.memberIds());
		invited.remove(user.id());
		int limit = properties.initialLimit(request.kind());
		if (invited.size() + 1 > limit) {
			throw GroupProblems.full(limit);
		}
		if (!blocks.blockersAmong(user.id(), invited).isEmpty()) {
			throw GroupProblems.cannotAdd();
		}
		Group group = groupRepository.saveAndFlush(new Group(request.kind(), request.name().strip(),
				request.description(), user.id(), limit, clock.instant()));
		events.publishEvent(new GroupCreated(group.id(), group.kind(), user.id()));
		admission.admit(group, user.id(), Role.OWNER, user.id(), user.name());
		var known = profiles.findAll(invited);
		for (String memberId : invited) {
			var profile = known.get(memberId);
			eligibility.check(new Eligibility.Candidate(Eligibility.Way.ADDED,
					profile == null ? null : profile.ageBand(), 0, false, group));
			admission.admit(group, memberId, Role.MEMBER, user.id(), profile == null ? null : profile.name());
		}
		return new GroupDetails(group.view(), null);
	}

	/** The group with its announcement (members, or anyone for a PUBLIC fan group). */
	@Transactional(readOnly = true)
	GroupDetails get(CurrentUser user, UUID groupId) {
		return withAnnouncement(groups.actor(groupId, user.id()).group().view());
	}

	/** Changes settings (OWNER, ADMIN). */
	@Transactional
	GroupDetails update(CurrentUser user, UUID groupId, GroupSettings settings) {
		Actor actor = groups.lockedActor(groupId, user.id()).requireModerator("change group settings");
		if (settings.isEmpty()) {
			throw DomainException.invalid("name at least one setting to change");
		}
		Group group = actor.group();
		String previousName = group.view().name();
		group.apply(settings, properties.maxMemberLimit(), clock.instant());
		GroupView view = group.view();
		events.publishEvent(new GroupUpdated(groupId, view, user.id(), previousName));
		return withAnnouncement(view);
	}

	private GroupDetails withAnnouncement(GroupView view) {
		return new GroupDetails(view, announcements().of(List.of(view.id())).get(view.id()));
	}

	private Announcements announcements() {
		return announcements.getIfAvailable(() -> groupIds -> Map.of());
	}

	/**
	 * Deletes the group (OWNER). Members, invites and requests go; messages stay until
	 * retention.
	 */
	@Transactional
	void delete(CurrentUser user, UUID groupId) {
		Actor actor = groups.lockedActor(groupId, user.id()).requireOwner("delete the group");
		ownership.delete(actor.group(), user.id());
	}

	/**
	 * A position in the caller's groups: pinned ones (rank 0) first, then by group id.
	 */
	private record RankAndGroup(int rank, UUID groupId) {
	}

	private static final Keyset<RankAndGroup> MINE = Keyset.of(2,
			parts -> new RankAndGroup("0".equals(parts.get(0)) ? 0 : 1, Cursors.uuid(parts.get(1))),
			p -> List.of(p.rank() == 0 ? "0" : "1", p.groupId().toString()));

	/**
	 * The caller's groups, oldest first, keyset-paged by group id, with unread count,
	 * last message and announcement (each loaded for the whole page in one batch).
	 */
	@Transactional(readOnly = true)
	CursorPage<GroupSummary> listMine(CurrentUser user, PageRequest page, boolean archived) {
		Instant now = clock.instant();
		CursorPage<GroupMembership> result = MINE.page(page,
				(after, limit) -> after == null
						? groupRepository.findForMember(user.id(), -1, new UUID(0, 0), archived, now, Limit.of(limit))
						: groupRepository.findForMember(user.id(), after.rank(), after.groupId(), archived, now,
								Limit.of(limit)),
				m -> new RankAndGroup(m.member().settings(m.group(), now).pinned() ? 0 : 1, m.group().id()));
		Map<UUID, LatestMessages.Latest> last = latestMessages.getIfAvailable(() -> (viewer, groups) -> Map.of())
			.latest(user.id(),
					result.items()
						.stream()
						.filter(m -> m.group().view().lastSeq() > 0)
						.map(m -> new LatestMessages.Position(m.group().id(), m.group().view().lastSeq(),
								m.member().lastReadSeq(), m.member().role().isModerator()))
						.toList());
		Map<UUID, ? extends LatestMessages.Message> announced = announcements()
			.of(result.items().stream().map(m -> m.group().id()).toList());
		return result.map(m -> {
			GroupView view = m.group().view();
			LatestMessages.Latest latest = last.get(view.id());
			long hidden = latest == null ? 0 : latest.hiddenUnread();
			return new GroupSummary(view, Math.max(0, view.lastSeq() - m.member().lastReadSeq() - hidden),
					latest == null ? null : latest.message(), m.member().settings(m.group(), now),
					announced.get(view.id()));
		});
	}

}
