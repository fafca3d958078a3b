package dev.groupchat.dashboard;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.groups.MembershipStats;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.identity.UserProfiles;
import dev.groupchat.messaging.MessageStats;
import dev.groupchat.moderation.Reports;
import dev.groupchat.shared.CustomPlans;
import dev.groupchat.shared.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stats of one group (OWNER, ADMIN), composed of the aggregates of the modules that
 * own the data. Every part is a bounded SQL aggregate: counters per hour, day or sender,
 * one pass over the member rows, index lookups; nothing loads messages.
 */
@Service
class GroupStats {

	static final int MAX_DAYS = 90;

	static final int TOP_POSTERS = 10;

	static final int ANNOUNCEMENTS = 5;

	private final GroupAccess access;

	private final MembershipStats members;

	private final MessageStats messages;

	private final Reports reports;

	private final UserProfiles profiles;

	private final Clock clock;

	private final JdbcClient jdbc;

	GroupStats(GroupAccess access, MembershipStats members, MessageStats messages, Reports reports,
			UserProfiles profiles, Clock clock, JdbcClient jdbc) {
		this.access = access;
		this.members = members;
		this.messages = messages;
		this.reports = reports;
		this.profiles = profiles;
		this.clock = clock;
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	GroupStatsView of(CurrentUser user, UUID groupId, int days) {
		if (days < 1 || days > MAX_DAYS) {
			throw DomainException.invalid("days must be between 1 and " + MAX_DAYS);
		}
		GroupAccess.Standing standing = access.standing(groupId, user.id()).requireMember(groupId);
		if (!standing.isModerator()) {
			throw DomainException.forbidden("only the owner and admins may see the group's stats");
		}
		planForThisGroup();
		Instant now = clock.instant();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		LocalDate from = today.minusDays(days - 1L);
		MembershipStats.Counts counts = members.counts(groupId);
		List<Long> announced = messages.latestBy(groupId, members.moderatorIds(groupId), ANNOUNCEMENTS);
		MembershipStats.Activity activity = members.activity(groupId, now.minus(Duration.ofDays(7)), announced);
		return new GroupStatsView(counts.memberCount(),
				messages.since(groupId, today.atStartOfDay(ZoneOffset.UTC).toInstant()), activity.activeMembers(),
				reports.openCount(groupId), counts.pendingJoinRequests(), days(groupId, from, today),
				topPosters(groupId, from),
				messages.perHourOfDay(groupId, from)
					.stream()
					.map(h -> new GroupStatsView.Hour(h.hour(), h.messages()))
					.toList(),
				announced.stream()
					.map(seq -> new GroupStatsView.Announcement(seq, counts.memberCount(),
							activity.readCounts().getOrDefault(seq, 0L)))
					.toList());
	}

	/**
	 * The driver prepares statements it runs often, and PostgreSQL then switches to a
	 * generic plan made for an average group of a few rows: for a group of 100,000
	 * members that plan reads the member rows through an index and sorts them on disk (88
	 * ms instead of 40 ms in docs/dashboard-stats-explain.md). Planned for the actual
	 * group, each statement costs well under a millisecond more. {@code set local} ends
	 * with this transaction.
	 */
	private void planForThisGroup() {
		CustomPlans.forThisTransaction(jdbc);
	}

	private List<GroupStatsView.Day> days(UUID groupId, LocalDate from, LocalDate today) {
		Map<LocalDate, Long> perDay = messages.perDay(groupId, from)
			.stream()
			.collect(Collectors.toMap(MessageStats.DayCount::day, MessageStats.DayCount::messages));
		Map<LocalDate, MembershipStats.DayChanges> changes = members.changesSince(groupId, from)
			.stream()
			.collect(Collectors.toMap(MembershipStats.DayChanges::day, Function.identity()));
		return Stream.iterate(from, day -> !day.isAfter(today), day -> day.plusDays(1)).map(day -> {
			MembershipStats.DayChanges change = changes.get(day);
			return new GroupStatsView.Day(day, perDay.getOrDefault(day, 0L), change == null ? 0 : change.joins(),
					change == null ? 0 : change.leaves());
		}).toList();
	}

	private List<GroupStatsView.Poster> topPosters(UUID groupId, LocalDate from) {
		List<MessageStats.SenderCount> top = messages.topSenders(groupId, from, TOP_POSTERS);
		Map<String, UserProfiles.UserSummary> names = profiles
			.findAll(top.stream().map(MessageStats.SenderCount::senderId).toList());
		return top.stream().map(s -> {
			UserProfiles.UserSummary profile = names.get(s.senderId());
			return new GroupStatsView.Poster(s.senderId(), profile == null ? null : profile.name(), s.messages());
		}).toList();
	}

}
