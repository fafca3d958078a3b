package dev.groupchat.notifications;

import dev.groupchat.groups.GroupKind;
import dev.groupchat.groups.NotifyLevel;
import dev.groupchat.realtime.Presence;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns outbox rows into per-device deliveries, one keyset page of members per step: a
 * message into a group of 100,000 costs the send one row, and the workers a few hundred
 * short transactions. Only members with a device of a configured provider (GATEWAY, FCM)
 * are read; those with an open session on any live node are skipped (one presence query
 * per page). Whether a member blocked the sender is read with the page, from the safety
 * module's table (one index probe per member).
 */
@Component
class OutboxExpander {

	private final JdbcClient jdbc;

	private final Presence presence;

	private final PushProperties properties;

	private final Clock clock;

	OutboxExpander(JdbcClient jdbc, Presence presence, PushProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.presence = presence;
		this.properties = properties;
		this.clock = clock;
	}

	private record Row(long id, UUID groupId, long seq, String after) {
	}

	private record Candidate(NotifyRule.Member member, long unread) {
	}

	/**
	 * Expands one page of each of the oldest {@code expandRows} unclaimed outbox rows, in
	 * one transaction (a busy node's outbox holds one row per message: one claim and one
	 * commit per message could not keep up with the send path); answers how many it
	 * claimed.
	 */
	@Transactional
	int step() {
		List<Row> claimed = jdbc.sql("""
				select id, group_id, seq, after_user_id from notification_outbox
				 order by id limit :limit for update skip locked""")
			.param("limit", properties.expandRows())
			.query((rs, n) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3), rs.getString(4)))
			.list();
		claimed.forEach(this::expand);
		return claimed.size();
	}

	private void expand(Row row) {
		Optional<NotifyRule.Message> message = message(row);
		List<Candidate> page = message.isEmpty() ? List.of() : page(row, message.get());
		if (!page.isEmpty()) {
			queue(row, page, message.get());
		}
		if (page.size() < properties.expandBatch()) {
			jdbc.sql("delete from notification_outbox where id = :id").param("id", row.id()).update();
		}
		else {
			jdbc.sql("update notification_outbox set after_user_id = :after where id = :id")
				.param("after", page.getLast().member().userId())
				.param("id", row.id())
				.update();
		}
	}

	/**
	 * The message as the rule needs it; empty when it was recalled or its group is gone.
	 */
	private Optional<NotifyRule.Message> message(Row row) {
		return jdbc.sql("""
				select m.sender_id, m.mentions, r.sender_id, g.kind, m.shadow
				  from message m join chat_group g on g.id = m.group_id and g.deleted_at is null
				  left join message r on r.group_id = m.group_id and r.seq = m.reply_to_seq
				 where m.group_id = :groupId and m.seq = :seq and m.deleted_at is null""")
			.param("groupId", row.groupId())
			.param("seq", row.seq())
			.query((rs, n) -> new NotifyRule.Message(rs.getString(1), strings(rs.getArray(2)), rs.getString(3),
					GroupKind.valueOf(rs.getString(4)), rs.getBoolean(5)))
			.optional();
	}

	private List<Candidate> page(Row row, NotifyRule.Message message) {
		return jdbc.sql("""
				select mb.user_id, mb.notify, mb.notifications_muted_until, mb.notifications_muted_forever,
				       greatest(0, g.last_seq - mb.last_read_seq), mb.role in ('OWNER', 'ADMIN'),
				       exists (select 1 from user_block b where b.blocker_id = mb.user_id and b.blocked_id = :senderId)
				  from group_member mb join chat_group g on g.id = mb.group_id
				 where mb.group_id = :groupId and mb.user_id > :after
				   and exists (select 1 from push_device d
				                where d.user_id = mb.user_id and d.platform = any(:platforms))
				 order by mb.user_id limit :limit""")
			.param("groupId", row.groupId())
			.param("after", row.after() == null ? "" : row.after())
			.param("limit", properties.expandBatch())
			.param("senderId", message.senderId())
			.param("platforms", platforms())
			.query((rs, n) -> new Candidate(
					new NotifyRule.Member(rs.getString(1),
							rs.getString(2) == null ? null : NotifyLevel.valueOf(rs.getString(2)),
							instant(rs.getTimestamp(3)), rs.getBoolean(4), rs.getBoolean(6), rs.getBoolean(7)),
					rs.getLong(5)))
			.list();
	}

	private void queue(Row row, List<Candidate> page, NotifyRule.Message message) {
		Instant now = clock.instant();
		List<Candidate> told = page.stream().filter(c -> NotifyRule.notifies(c.member(), message, now)).toList();
		Set<String> online = presence.onlineAmong(told.stream().map(c -> c.member().userId()).toList());
		List<String> users = new ArrayList<>();
		List<Long> unread = new ArrayList<>();
		for (Candidate candidate : told) {
			if (!online.contains(candidate.member().userId())) {
				users.add(candidate.member().userId());
				unread.add(candidate.unread());
			}
		}
		if (users.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into push_delivery (group_id, seq, user_id, device_id, unread, next_attempt_at, created_at)
				select :groupId, :seq, d.user_id, d.device_id, u.unread, :now, :now
				  from unnest(:users, :unread) as u(user_id, unread)
				  join push_device d on d.user_id = u.user_id and d.platform = any(:platforms)
				on conflict on constraint push_delivery_once do nothing""")
			.param("groupId", row.groupId())
			.param("seq", row.seq())
			.param("users", users.toArray(String[]::new))
			.param("unread", unread.toArray(Long[]::new))
			.param("now", Timestamp.from(now))
			.param("platforms", platforms())
			.update();
	}

	/**
	 * The platforms a provider is configured for: devices of the others are not queued,
	 * so that no delivery waits for a provider that does not exist.
	 */
	private String[] platforms() {
		return properties.platforms().toArray(String[]::new);
	}

	private static Set<String> strings(@Nullable Array array) throws SQLException {
		return array == null ? Set.of() : new HashSet<>(Arrays.asList((String[]) array.getArray()));
	}

	private static @Nullable Instant instant(@Nullable Timestamp value) {
		return value == null ? null : value.toInstant();
	}

}
