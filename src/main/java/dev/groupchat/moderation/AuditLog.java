package dev.groupchat.moderation;

import dev.groupchat.groups.GroupUpdated;
import dev.groupchat.groups.InvitePaused;
import dev.groupchat.groups.InviteResumed;
import dev.groupchat.groups.LeaveReason;
import dev.groupchat.groups.MemberBanned;
import dev.groupchat.groups.MemberLeft;
import dev.groupchat.groups.MemberMuted;
import dev.groupchat.groups.MemberRoleChanged;
import dev.groupchat.groups.MemberShadowMuted;
import dev.groupchat.groups.MemberUnbanned;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.messaging.MessageRecalled;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.Keyset;
import dev.groupchat.shared.PageRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every moderation action from the events of the modules that perform them,
 * inside the same transaction: an action and its audit entry commit together or not at
 * all.
 */
@Service
class AuditLog {

	private final JdbcClient jdbc;

	private final Moderators moderators;

	private final JsonMapper json;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Moderators moderators, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.moderators = moderators;
		this.json = json;
		this.clock = clock;
	}

	@EventListener
	void on(MemberRoleChanged event) {
		record(event.groupId(), event.by(), "member.role_changed", event.member().userId(), null,
				Map.of("from", event.previousRole(), "to", event.member().role()));
	}

	@EventListener
	void on(MemberMuted event) {
		record(event.groupId(), event.by(), event.mutedUntil() == null ? "member.unmuted" : "member.muted",
				event.member().userId(), null, event.mutedUntil() == null ? null : Map.of("until", event.mutedUntil()));
	}

	@EventListener
	void on(MemberShadowMuted event) {
		record(event.groupId(), event.by(), event.shadowMuted() ? "member.shadow_muted" : "member.shadow_unmuted",
				event.userId(), null, null);
	}

	@EventListener
	void on(MemberLeft event) {
		if (event.reason() == LeaveReason.KICKED) {
			record(event.groupId(), event.by(), "member.kicked", event.userId(), null, null);
		}
	}

	@EventListener
	void on(MemberBanned event) {
		record(event.groupId(), event.by(), "member.banned", event.userId(), event.reason(), null);
	}

	@EventListener
	void on(MemberUnbanned event) {
		record(event.groupId(), event.by(), "member.unbanned", event.userId(), null, null);
	}

	@EventListener
	void on(MessageRecalled event) {
		if (!event.by().equals(event.message().senderId())) {
			record(event.message().groupId(), event.by(), "message.recalled", event.message().senderId(), null,
					Map.of("seq", event.message().seq()));
		}
	}

	@EventListener
	void on(GroupUpdated event) {
		record(event.groupId(), event.by(), "group.settings_changed", null, null, event.group());
	}

	/** Done by the server itself: no actor. */
	@EventListener
	void on(InvitePaused event) {
		long seconds = event.window().toSeconds();
		record(event.groupId(), null, "invite.paused", event.code(),
				"raid: " + event.joins() + " joins via invite " + event.code() + " in " + seconds + " s",
				Map.of("joins", event.joins(), "windowSeconds", seconds, "joinPolicy",
						Map.of("from", event.previousJoinPolicy(), "to", event.group().joinPolicy())));
	}

	@EventListener
	void on(InviteResumed event) {
		record(event.groupId(), event.by(), "invite.resumed", event.code(), null, null);
	}

	@EventListener
	void on(KeywordFilterChanged event) {
		record(event.groupId(), event.by(), "group.keyword_filter_changed", null, null, event.filter());
	}

	@EventListener
	void on(ReportResolved event) {
		record(event.groupId(), event.by(), "report.resolved", event.senderId(), event.reason(),
				Map.of("reportId", event.reportId(), "seq", event.seq(), "action", event.action()));
	}

	private void record(UUID groupId, @Nullable String actorId, String action, @Nullable String targetId,
			@Nullable String reason, @Nullable Object details) {
		jdbc.sql("""
				insert into audit_entry (group_id, actor_id, action, target_id, reason, details, created_at)
				values (:groupId, :actorId, :action, :targetId, :reason, cast(:details as jsonb), :now)""")
			.param("groupId", groupId)
			.param("actorId", actorId)
			.param("action", action)
			.param("targetId", targetId)
			.param("reason", reason)
			.param("details", details == null ? null : json.writeValueAsString(details))
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	/** The group's audit log, newest first (OWNER, ADMIN). */
	@Transactional(readOnly = true)
	CursorPage<AuditEntry> entries(CurrentUser user, UUID groupId, PageRequest page) {
		moderators.require(user, groupId);
		return Keyset.NUMBER.page(page, (before, limit) -> jdbc.sql("""
				select id, actor_id, action, target_id, reason, details::text, created_at from audit_entry
				 where group_id = :groupId and id < :before order by id desc limit :limit""")
			.param("groupId", groupId)
			.param("before", before == null ? Long.MAX_VALUE : before)
			.param("limit", limit)
			.query((rs, row) -> new AuditEntry(rs.getLong(1), groupId, rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6) == null ? null : json.readTree(rs.getString(6)),
					rs.getTimestamp(7).toInstant()))
			.list(), AuditEntry::id);
	}

}
