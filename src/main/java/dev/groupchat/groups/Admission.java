package dev.groupchat.groups;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one way into and out of a group's member list: keeps the member count, the limit
 * and the events right whichever call (create, add, join, approve, leave, kick, ban) got
 * here.
 */
@Component
class Admission {

	private final MemberRepository members;

	private final JoinRequestRepository requests;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final JdbcClient jdbc;

	private final GroupsProperties properties;

	Admission(MemberRepository members, JoinRequestRepository requests, ApplicationEventPublisher events, Clock clock,
			JdbcClient jdbc, GroupsProperties properties) {
		this.properties = properties;
		this.members = members;
		this.requests = requests;
		this.events = events;
		this.clock = clock;
		this.jdbc = jdbc;
	}

	/**
	 * Adds a member to a group whose row the caller has locked; refuses when it is full.
	 */
	MemberView admit(Group lockedGroup, String userId, Role role, String by, @Nullable String name) {
		return admit(lockedGroup, userId, role, by, name, null, null);
	}

	/**
	 * As {@link #admit(Group, String, Role, String, String)} for a MEMBER who came in by
	 * themselves (an invite, a public join, an approved join request): counted for the
	 * invite they joined with (null: none), and on probation for
	 * {@code groupchat.groups.probation}.
	 */
	MemberView admitNewcomer(Group lockedGroup, String userId, String by, @Nullable String name,
			@Nullable String inviteCode) {
		return admit(lockedGroup, userId, Role.MEMBER, by, name, inviteCode,
				properties.probationUntil(clock.instant()));
	}

	private MemberView admit(Group lockedGroup, String userId, Role role, String by, @Nullable String name,
			@Nullable String inviteCode, @Nullable Instant probationUntil) {
		lockedGroup.admit();
		// flushed at once: listeners of MemberJoined (system messages) work in SQL in
		// this transaction
		Member member = members.saveAndFlush(new Member(lockedGroup.id(), userId, role, clock.instant()));
		// a newcomer has read what came before them: the history of the group is not
		// their unread count
		// and one in age band 16-17 (their profile now) is counted for the automatic
		// hidden member list
		boolean minor = jdbc
			.sql("update group_member set last_read_seq = (select last_seq from chat_group"
					+ " where id = :groupId), invite_code = :inviteCode, probation_until = :probationUntil,"
					+ " minor = exists (select 1 from user_profile p where p.id = :userId and p.age_band = 'UNDER_18')"
					+ " where group_id = :groupId and user_id = :userId returning minor")
			.param("groupId", lockedGroup.id())
			.param("userId", userId)
			.param("inviteCode", inviteCode)
			.param("probationUntil", probationUntil == null ? null : Timestamp.from(probationUntil))
			.query(Boolean.class)
			.single();
		if (minor) {
			lockedGroup.admitMinor();
		}
		requests.findById(new MemberKey(lockedGroup.id(), userId))
			.filter(JoinRequest::isPending)
			.ifPresent(requests::delete);
		count(lockedGroup, "joins");
		MemberView view = member.view(name);
		events.publishEvent(new MemberJoined(lockedGroup.id(), view, by, lockedGroup.membersHidden()));
		// answered to the newcomer or the moderator who let them in: both may know
		return view.withProbationUntil(probationUntil);
	}

	/** Removes a member from a group whose row the caller has locked. */
	void remove(Group lockedGroup, Member member, String by, LeaveReason reason) {
		if (member.role() == Role.OWNER) {
			throw GroupProblems.ownerMustHandOver();
		}
		members.delete(member);
		lockedGroup.release();
		if (member.countedAsMinor()) {
			lockedGroup.releaseMinor();
		}
		members.flush();
		count(lockedGroup, "leaves");
		events.publishEvent(new MemberLeft(lockedGroup.id(), member.userId(), by, reason, lockedGroup.membersHidden()));
	}

	/**
	 * Adds one join or leave to today's counter of the group (the dashboard's
	 * joins/leaves per day).
	 */
	private void count(Group lockedGroup, String column) {
		jdbc.sql("insert into group_member_daily (group_id, day, " + column + ") values (:groupId, :day, 1)"
				+ " on conflict (group_id, day) do update set " + column + " = group_member_daily." + column + " + 1")
			.param("groupId", lockedGroup.id())
			.param("day", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
			.update();
	}

}
