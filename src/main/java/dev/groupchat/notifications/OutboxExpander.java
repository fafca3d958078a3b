package dev.groupchat.notifications;

import dev.groupchat.groups.GroupKind;
import dev.groupchat.groups.NotifyLevel;
import dev.groupchat.realtime.Presence;
import dev.groupchat.shared.CustomPlans;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * are read, and rows of the same group at the same position share one page, so a busy
 * group's burst costs one member read per step; those with an open session on any live
 * node are skipped (one presence query per step). Who of them blocked which sender is one
 * statement per step on the safety module's table. A device has at most one untried
 * delivery per group: a newer message replaces it (seq and badge), so a busy group costs
 * a phone one push per send round instead of one per message.
 */
@Component
class OutboxExpander {

	/** Rows one step claims for each of the oldest {@code expandRows}, at most. */
	static final int ROWS_PER_OLDEST = 10;

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

	private record Row(long id, UUID groupId, long seq, @Nullable String after) {

		PageKey page() {
			return new PageKey(groupId, after == null ? "" : after);
		}

	}

	/**
	 * A keyset page of one group's members: rows of the same group at the same position
	 * share it, so a busy group's messages cost one member read per step, not one each.
	 */
	private record PageKey(UUID groupId, String after) {
	}

	/** A member as its page read them, before the sender of a message is known. */
	private record Reader(String userId, @Nullable NotifyLevel level, @Nullable Instant mutedUntil,
			boolean mutedForever, boolean moderator, long unread) {
	}

	/** A member who blocked a sender of the step. */
	private record Block(String blockerId, String blockedId) {
	}

	private record Candidate(NotifyRule.Member member, long unread) {
	}

	/** Whom a delivery waits for: one per group and member. */
	private record Pending(UUID groupId, String userId) {
	}

	/** A claimed row whose message is still there. */
	private record Live(Row row, NotifyRule.Message message) {
	}

	/**
	 * Expands one page of each of the oldest {@code expandRows} unclaimed outbox rows and
	 * of the rows of the same groups behind them (up to {@value #ROWS_PER_OLDEST} times
	 * as many), in one transaction and a fixed number of statements (claim, messages,
	 * member pages, blocks, presence, deliveries, outbox rows done and moved on),
	 * whatever the number of rows: a busy node's outbox holds one row per message, and
	 * statements per message would compete with the send path for the database; answers
	 * how many it claimed.
	 */
	@Transactional
	int step() {
		// the outbox and the pending pushes grow from nothing in seconds: see CustomPlans
		CustomPlans.forThisTransaction(jdbc);
		// the groups of the oldest rows, with all their waiting rows: messages that
		// waited together (sends came first) share one member read and one delivery per
		// device
		List<Row> claimed = jdbc.sql("""
				select id, group_id, seq, after_user_id from notification_outbox
				 where group_id in (select group_id from notification_outbox order by id limit :oldest)
				 order by id limit :limit for update skip locked""")
			.param("oldest", properties.expandRows())
			.param("limit", properties.expandRows() * ROWS_PER_OLDEST)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3), rs.getString(4)))
			.list();
		if (claimed.isEmpty()) {
			return 0;
		}
		Map<Long, NotifyRule.Message> messages = messages(claimed);
		List<Live> live = new ArrayList<>();
		for (Row row : claimed) {
			NotifyRule.Message message = messages.get(row.id());
			if (message != null) {
				live.add(new Live(row, message));
			}
		}
		Map<PageKey, List<Reader>> pages = live.isEmpty() ? Map.of()
				: pages(live.stream().map(l -> l.row().page()).distinct().toList());
		queue(live, pages, blocks(live, pages));
		List<Long> done = new ArrayList<>();
		List<Long> moved = new ArrayList<>();
		List<String> afters = new ArrayList<>();
		for (Row row : claimed) {
			List<Reader> page = pages.getOrDefault(row.page(), List.of());
			if (page.size() < properties.expandBatch()) {
				done.add(row.id());
			}
			else {
				moved.add(row.id());
				afters.add(page.getLast().userId());
			}
		}
		if (!done.isEmpty()) {
			jdbc.sql("delete from notification_outbox where id = any(:ids)")
				.param("ids", done.toArray(Long[]::new))
				.update();
		}
		if (!moved.isEmpty()) {
			jdbc.sql("""
					update notification_outbox o set after_user_id = v.after
					  from unnest(:ids, :afters) as v(id, after) where o.id = v.id""")
				.param("ids", moved.toArray(Long[]::new))
				.param("afters", afters.toArray(String[]::new))
				.update();
		}
		return claimed.size();
	}

	/**
	 * The messages as the rule needs them, by outbox row; absent when recalled or their
	 * group is gone.
	 */
	private Map<Long, NotifyRule.Message> messages(List<Row> rows) {
		Map<Long, NotifyRule.Message> messages = new HashMap<>();
		jdbc.sql("""
				select r.id, m.sender_id, m.mentions, rm.sender_id, g.kind, m.shadow
				  from unnest(:ids, :groupIds, :seqs) as r(id, group_id, seq)
				  join message m on m.group_id = r.group_id and m.seq = r.seq and m.deleted_at is null
				  join chat_group g on g.id = m.group_id and g.deleted_at is null
				  left join message rm on rm.group_id = m.group_id and rm.seq = m.reply_to_seq""")
			.param("ids", rows.stream().map(Row::id).toArray(Long[]::new))
			.param("groupIds", rows.stream().map(Row::groupId).toArray(UUID[]::new))
			.param("seqs", rows.stream().map(Row::seq).toArray(Long[]::new))
			.query((rs, n) -> messages.put(rs.getLong(1),
					new NotifyRule.Message(rs.getString(2), strings(rs.getArray(3)), rs.getString(4),
							GroupKind.valueOf(rs.getString(5)), rs.getBoolean(6))))
			.list();
		return messages;
	}

	/** The next keyset page of members with a device, for every page in one statement. */
	private Map<PageKey, List<Reader>> pages(List<PageKey> keys) {
		Map<PageKey, List<Reader>> pages = new HashMap<>();
		jdbc.sql("""
				select r.group_id, r.after_user_id, mb.user_id, mb.notify, mb.notifications_muted_until,
				       mb.notifications_muted_forever, greatest(0, g.last_seq - mb.last_read_seq),
				       mb.role in ('OWNER', 'ADMIN')
				  from unnest(:groupIds, :afters) as r(group_id, after_user_id)
				  join chat_group g on g.id = r.group_id
				  cross join lateral (
				      select m.user_id, m.notify, m.notifications_muted_until, m.notifications_muted_forever,
				             m.last_read_seq, m.role
				        from group_member m
				       where m.group_id = r.group_id and m.user_id > r.after_user_id
				         and exists (select 1 from push_device d
				                      where d.user_id = m.user_id and d.platform = any(:platforms))
				       order by m.user_id limit :limit) mb
				 order by r.group_id, r.after_user_id, mb.user_id""")
			.param("groupIds", keys.stream().map(PageKey::groupId).toArray(UUID[]::new))
			.param("afters", keys.stream().map(PageKey::after).toArray(String[]::new))
			.param("limit", properties.expandBatch())
			.param("platforms", platforms())
			.query((rs, n) -> pages
				.computeIfAbsent(new PageKey(rs.getObject(1, UUID.class), rs.getString(2)), k -> new ArrayList<>())
				.add(new Reader(rs.getString(3), rs.getString(4) == null ? null : NotifyLevel.valueOf(rs.getString(4)),
						instant(rs.getTimestamp(5)), rs.getBoolean(6), rs.getBoolean(8), rs.getLong(7))))
			.list();
		return pages;
	}

	/**
	 * Which members of the pages blocked which senders of the step: one statement on the
	 * safety module's table (its index on the blocked user).
	 */
	private Set<Block> blocks(List<Live> rows, Map<PageKey, List<Reader>> pages) {
		String[] members = pages.values()
			.stream()
			.flatMap(List::stream)
			.map(Reader::userId)
			.distinct()
			.toArray(String[]::new);
		if (members.length == 0) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				select blocker_id, blocked_id from user_block
				 where blocked_id = any(:senders) and blocker_id = any(:members)""")
			.param("senders", rows.stream().map(l -> l.message().senderId()).distinct().toArray(String[]::new))
			.param("members", members)
			.query((rs, n) -> new Block(rs.getString(1), rs.getString(2)))
			.list());
	}

	/** The deliveries of every page: one presence read and one insert. */
	private void queue(List<Live> rows, Map<PageKey, List<Reader>> pages, Set<Block> blocks) {
		Instant now = clock.instant();
		List<Row> rowOf = new ArrayList<>();
		List<Candidate> told = new ArrayList<>();
		for (Live live : rows) {
			String sender = live.message().senderId();
			for (Reader reader : pages.getOrDefault(live.row().page(), List.of())) {
				NotifyRule.Member member = new NotifyRule.Member(reader.userId(), reader.level(), reader.mutedUntil(),
						reader.mutedForever(), reader.moderator(), blocks.contains(new Block(reader.userId(), sender)));
				if (NotifyRule.notifies(member, live.message(), now)) {
					rowOf.add(live.row());
					told.add(new Candidate(member, reader.unread()));
				}
			}
		}
		if (told.isEmpty()) {
			return;
		}
		Set<String> online = presence.onlineAmong(told.stream().map(c -> c.member().userId()).distinct().toList());
		// one delivery per (group, member): the newest message of the step (one statement
		// may not change a row twice)
		Map<Pending, Long> newest = new HashMap<>();
		Map<Pending, Long> badge = new HashMap<>();
		for (int i = 0; i < told.size(); i++) {
			Candidate candidate = told.get(i);
			if (!online.contains(candidate.member().userId())) {
				Pending key = new Pending(rowOf.get(i).groupId(), candidate.member().userId());
				long seq = rowOf.get(i).seq();
				if (newest.getOrDefault(key, Long.MIN_VALUE) < seq) {
					newest.put(key, seq);
					badge.put(key, candidate.unread());
				}
			}
		}
		if (newest.isEmpty()) {
			return;
		}
		List<UUID> groupIds = new ArrayList<>();
		List<Long> seqs = new ArrayList<>();
		List<String> users = new ArrayList<>();
		List<Long> unread = new ArrayList<>();
		newest.forEach((key, seq) -> {
			groupIds.add(key.groupId());
			seqs.add(seq);
			users.add(key.userId());
			unread.add(badge.get(key));
		});
		// A delivery not tried yet takes the newer message instead of a second push under
		// the
		// same collapse key (the phone would show only the last); rows in the order of
		// the
		// pending key, so that two nodes lock them in the same order.
		jdbc.sql("""
				insert into push_delivery as p (group_id, seq, user_id, device_id, unread, next_attempt_at, created_at)
				select u.group_id, u.seq, d.user_id, d.device_id, u.unread, :now, :now
				  from unnest(:groupIds, :seqs, :users, :unread) as u(group_id, seq, user_id, unread)
				  join push_device d on d.user_id = u.user_id and d.platform = any(:platforms)
				 order by u.group_id, d.user_id, d.device_id
				on conflict (group_id, user_id, device_id) where status = 'QUEUED' and attempts = 0
				do update set seq = excluded.seq, unread = excluded.unread
				 where p.seq < excluded.seq""")
			.param("groupIds", groupIds.toArray(UUID[]::new))
			.param("seqs", seqs.toArray(Long[]::new))
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
