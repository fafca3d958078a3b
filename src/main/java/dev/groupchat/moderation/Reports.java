package dev.groupchat.moderation;

import dev.groupchat.groups.MemberChange;
import dev.groupchat.groups.MemberManagement;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.messaging.History;
import dev.groupchat.messaging.MessageChanges;
import dev.groupchat.messaging.MessageView;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.Cursors;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.Ids;
import dev.groupchat.shared.Keyset;
import dev.groupchat.shared.PageRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Members report messages; OWNER/ADMIN see open reports and resolve them in one call. */
@Service
public class Reports {

	private final JdbcClient jdbc;

	private final Moderators moderators;

	private final History history;

	private final MessageChanges messages;

	private final MemberManagement members;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Reports(JdbcClient jdbc, Moderators moderators, History history, MessageChanges messages, MemberManagement members,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.moderators = moderators;
		this.history = history;
		this.messages = messages;
		this.members = members;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Reports a message (members); reporting the same message twice answers the first
	 * report.
	 */
	@Transactional
	public UUID report(CurrentUser user, UUID groupId, long seq, String reason) {
		moderators.requireMember(user, groupId);
		MessageView message = message(groupId, seq);
		UUID id = Ids.next();
		int inserted = jdbc.sql("""
				insert into message_report (id, group_id, seq, sender_id, reporter_id, reason, created_at)
				values (:id, :groupId, :seq, :senderId, :reporterId, :reason, :now) on conflict do nothing""")
			.param("id", id)
			.param("groupId", groupId)
			.param("seq", seq)
			.param("senderId", message.senderId())
			.param("reporterId", user.id())
			.param("reason", reason)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		if (inserted == 1) {
			events.publishEvent(new ReportCreated(find(groupId, id).orElseThrow()));
			return id;
		}
		return jdbc.sql("select id from message_report where group_id = :g and seq = :s and reporter_id = :r")
			.param("g", groupId)
			.param("s", seq)
			.param("r", user.id())
			.query(UUID.class)
			.single();
	}

	/** Open reports, oldest first (OWNER, ADMIN). */
	@Transactional(readOnly = true)
	public CursorPage<ReportView> open(CurrentUser user, UUID groupId, PageRequest page) {
		moderators.require(user, groupId);
		return Keyset.TIME_AND_KEY.page(page,
				(after, limit) -> jdbc.sql("""
						select id, seq, sender_id, reason, status, created_at from message_report
						 where group_id = :groupId and status = 'OPEN' and (created_at, id) > (:after, :afterId)
						 order by created_at, id limit :limit""")
					.param("groupId", groupId)
					.param("after", Timestamp.from(after == null ? Instant.EPOCH : after.at()))
					.param("afterId", after == null ? new UUID(0, 0) : Cursors.uuid(after.key()))
					.param("limit", limit)
					.query((rs, row) -> new ReportView(rs.getObject(1, UUID.class), groupId, rs.getLong(2),
							rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
							history.find(groupId, rs.getLong(2)).orElse(null)))
					.list(),
				r -> new Keyset.TimeAndKey(r.createdAt(), r.id().toString()));
	}

	/** How many reports of the group are open (callers check who may know). */
	@Transactional(readOnly = true)
	public long openCount(UUID groupId) {
		return jdbc.sql("select count(*) from message_report where group_id = :groupId and status = 'OPEN'")
			.param("groupId", groupId)
			.query(Long.class)
			.single();
	}

	/**
	 * Resolves a report and every other open report of the same message: dismiss, or
	 * recall the message, mute or ban its sender (each with the usual rank rules and
	 * events).
	 */
	@Transactional
	public ReportView resolve(CurrentUser user, UUID groupId, UUID reportId, Resolution resolution) {
		moderators.require(user, groupId);
		ReportView report = find(groupId, reportId).orElseThrow(() -> DomainException.notFound("report", reportId));
		if (!"OPEN".equals(report.status())) {
			throw DomainException.conflict("this report is already resolved");
		}
		apply(user, report, resolution);
		String status = resolution.action() == ReportAction.DISMISS ? "DISMISSED" : "ACTIONED";
		jdbc.sql("""
				update message_report set status = :status, resolved_by = :by, resolved_at = :now
				 where group_id = :groupId and seq = :seq and status = 'OPEN'""")
			.param("status", status)
			.param("by", user.id())
			.param("now", Timestamp.from(clock.instant()))
			.param("groupId", groupId)
			.param("seq", report.seq())
			.update();
		events.publishEvent(new ReportResolved(groupId, reportId, report.seq(), report.senderId(), resolution.action(),
				user.id(), resolution.reason()));
		return find(groupId, reportId).orElseThrow();
	}

	private void apply(CurrentUser user, ReportView report, Resolution resolution) {
		switch (resolution.action()) {
			case DISMISS -> {
			}
			case RECALL -> messages.recall(user, report.groupId(), report.seq());
			case MUTE -> members.update(user, report.groupId(), report.senderId(), new MemberChange(null,
					Optional.of(clock.instant().plusSeconds(resolution.muteSecondsOrDefault())), null));
			case BAN -> members.ban(user, report.groupId(), report.senderId(), resolution.reason());
		}
	}

	private Optional<ReportView> find(UUID groupId, UUID reportId) {
		return jdbc.sql("""
				select id, seq, sender_id, reason, status, created_at from message_report
				 where group_id = :groupId and id = :id""")
			.param("groupId", groupId)
			.param("id", reportId)
			.query((rs, row) -> new ReportView(rs.getObject(1, UUID.class), groupId, rs.getLong(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
					history.find(groupId, rs.getLong(2)).orElse(null)))
			.optional();
	}

	private MessageView message(UUID groupId, long seq) {
		return history.find(groupId, seq).orElseThrow(() -> DomainException.notFound("message", seq));
	}

	/** How to resolve a report; {@code muteSeconds} (default one day) applies to MUTE. */
	public record Resolution(ReportAction action, Long muteSeconds, String reason) {

		long muteSecondsOrDefault() {
			return muteSeconds == null ? 86_400 : muteSeconds;
		}

	}

}
