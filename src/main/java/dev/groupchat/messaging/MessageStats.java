package dev.groupchat.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Message counts for the creator dashboard, read from counters that the database keeps as
 * messages are stored (per group and hour, per group, day and sender), never from the
 * messages themselves; SYSTEM messages are not counted. Callers check who may see them.
 */
@Service
public class MessageStats {

	private final JdbcClient jdbc;

	MessageStats(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Messages of one UTC day. */
	public record DayCount(LocalDate day, long messages) {
	}

	/** Messages of one sender. */
	public record SenderCount(String senderId, long messages) {
	}

	/** Messages in one hour of the day (0 to 23, UTC). */
	public record HourCount(int hour, long messages) {
	}

	/** Messages per UTC day since {@code from}; days without messages are absent. */
	@Transactional(readOnly = true)
	public List<DayCount> perDay(UUID groupId, LocalDate from) {
		return jdbc.sql("""
				select (hour at time zone 'UTC')::date, sum(messages) from message_hourly
				 where group_id = :groupId and hour >= :from group by 1""")
			.param("groupId", groupId)
			.param("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.query((rs, row) -> new DayCount(rs.getObject(1, LocalDate.class), rs.getLong(2)))
			.list();
	}

	/** Messages stored since {@code since}, counted by whole hours. */
	@Transactional(readOnly = true)
	public long since(UUID groupId, Instant since) {
		return jdbc
			.sql("select coalesce(sum(messages), 0) from message_hourly where group_id = :groupId and hour >= :since")
			.param("groupId", groupId)
			.param("since", Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	/** Messages per hour of the day since {@code from}, all 24 hours in order. */
	@Transactional(readOnly = true)
	public List<HourCount> perHourOfDay(UUID groupId, LocalDate from) {
		return jdbc.sql("""
				select h, coalesce(sum(c.messages), 0) from generate_series(0, 23) h
				  left join message_hourly c on c.group_id = :groupId and c.hour >= :from
				   and extract(hour from c.hour at time zone 'UTC') = h
				 group by h order by h""")
			.param("groupId", groupId)
			.param("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.query((rs, row) -> new HourCount(rs.getInt(1), rs.getLong(2)))
			.list();
	}

	/** The senders with the most messages since {@code from}, most first. */
	@Transactional(readOnly = true)
	public List<SenderCount> topSenders(UUID groupId, LocalDate from, int limit) {
		return jdbc.sql("""
				select sender_id, sum(messages) as total from message_sender_daily
				 where group_id = :groupId and day >= :from
				 group by sender_id order by total desc, sender_id limit :limit""")
			.param("groupId", groupId)
			.param("from", from)
			.param("limit", limit)
			.query((rs, row) -> new SenderCount(rs.getString(1), rs.getLong(2)))
			.list();
	}

	/**
	 * The seqs of the latest messages (not SYSTEM, not recalled) of the given senders,
	 * newest first.
	 */
	@Transactional(readOnly = true)
	public List<Long> latestBy(UUID groupId, Collection<String> senderIds, int limit) {
		if (senderIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select l.seq from unnest(:senders) as s(id)
				 cross join lateral (select m.seq from message m
				                      where m.group_id = :groupId and m.sender_id = s.id
				                        and m.type <> 'SYSTEM' and m.deleted_at is null
				                      order by m.seq desc limit :limit) l
				 order by l.seq desc limit :limit""")
			.param("senders", senderIds.toArray(String[]::new))
			.param("groupId", groupId)
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

}
