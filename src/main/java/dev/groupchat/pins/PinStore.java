package dev.groupchat.pins;

import dev.groupchat.messaging.MessageView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code message_pin} table, in plain SQL; every statement is on its primary key
 * {@code (group_id, seq)} or on the one-announcement index. A pin whose {@code until} has
 * passed counts as gone everywhere.
 */
@Repository
class PinStore {

	private static final String COLUMNS = "seq, pinned_by, pinned_at, until, announcement";

	private static final String LIVE = "(until is null or until > :now)";

	private static final RowMapper<Pin> PIN = PinStore::map;

	private final JdbcClient jdbc;

	PinStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored pin, without its message. */
	record Pin(long seq, String pinnedBy, Instant pinnedAt, @Nullable Instant until, boolean announcement) {

		PinView view(MessageView message) {
			return new PinView(seq, pinnedBy, pinnedAt, until, announcement, message);
		}

	}

	/**
	 * Serializes the pin changes of one group until commit (the limit of pins is a count,
	 * which no constraint can keep under concurrent inserts).
	 */
	void lock(UUID groupId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "message_pin:" + groupId)
			.query((rs, row) -> row)
			.list();
	}

	/** Removes the pins whose {@code until} has passed; answers how many. */
	int removeExpired(UUID groupId, Instant now) {
		return jdbc.sql("delete from message_pin where group_id = :groupId and until <= :now")
			.param("groupId", groupId)
			.param("now", Timestamp.from(now))
			.update();
	}

	Optional<Pin> find(UUID groupId, long seq, Instant now) {
		return jdbc.sql("select " + COLUMNS + " from message_pin where group_id = :groupId and seq = :seq and " + LIVE)
			.param("groupId", groupId)
			.param("seq", seq)
			.param("now", Timestamp.from(now))
			.query(PIN)
			.optional();
	}

	int count(UUID groupId, Instant now) {
		return jdbc.sql("select count(*) from message_pin where group_id = :groupId and " + LIVE)
			.param("groupId", groupId)
			.param("now", Timestamp.from(now))
			.query(Integer.class)
			.single();
	}

	/** The group's announcement stops being one, unless it is the pin at {@code seq}. */
	void clearAnnouncement(UUID groupId, long seq) {
		jdbc.sql(
				"update message_pin set announcement = false where group_id = :groupId and announcement and seq <> :seq")
			.param("groupId", groupId)
			.param("seq", seq)
			.update();
	}

	/**
	 * Pins the message, or replaces {@code until} and the announcement mark of its pin
	 * (who pinned it and when stay).
	 */
	Pin save(UUID groupId, long seq, String by, Instant now, @Nullable Instant until, boolean announcement) {
		return jdbc.sql("""
				insert into message_pin (group_id, seq, pinned_by, pinned_at, until, announcement)
				values (:groupId, :seq, :by, :now, :until, :announcement)
				on conflict (group_id, seq) do update set until = excluded.until, announcement = excluded.announcement
				returning""" + " " + COLUMNS)
			.param("groupId", groupId)
			.param("seq", seq)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.param("until", until == null ? null : Timestamp.from(until))
			.param("announcement", announcement)
			.query(PIN)
			.single();
	}

	/** Removes the pin at {@code seq}, live or expired; answers whether there was one. */
	boolean delete(UUID groupId, long seq) {
		return jdbc.sql("delete from message_pin where group_id = :groupId and seq = :seq")
			.param("groupId", groupId)
			.param("seq", seq)
			.update() > 0;
	}

	/**
	 * Removes the pins of the given messages (gone from the history); answers their seqs.
	 */
	List<Long> deleteAll(UUID groupId, Collection<Long> seqs) {
		return jdbc.sql("delete from message_pin where group_id = :groupId and seq = any(:seqs) returning seq")
			.param("groupId", groupId)
			.param("seqs", seqs.toArray(Long[]::new))
			.query(Long.class)
			.list();
	}

	/** The group's live pins: the announcement first, then the latest pinned first. */
	List<Pin> list(UUID groupId, Instant now) {
		return jdbc
			.sql("select " + COLUMNS + " from message_pin where group_id = :groupId and " + LIVE
					+ " order by announcement desc, pinned_at desc, seq desc")
			.param("groupId", groupId)
			.param("now", Timestamp.from(now))
			.query(PIN)
			.list();
	}

	/** The seq of each group's live announcement, for a page of groups at once. */
	Map<UUID, Long> announcements(Collection<UUID> groupIds, Instant now) {
		Map<UUID, Long> seqs = new HashMap<>();
		if (groupIds.isEmpty()) {
			return seqs;
		}
		jdbc.sql("select group_id, seq from message_pin where group_id = any(:groupIds) and announcement and " + LIVE)
			.param("groupIds", groupIds.toArray(UUID[]::new))
			.param("now", Timestamp.from(now))
			.query(rs -> {
				seqs.put(rs.getObject(1, UUID.class), rs.getLong(2));
			});
		return seqs;
	}

	private static Pin map(ResultSet rs, int row) throws SQLException {
		Timestamp until = rs.getTimestamp("until");
		return new Pin(rs.getLong("seq"), rs.getString("pinned_by"), rs.getTimestamp("pinned_at").toInstant(),
				until == null ? null : until.toInstant(), rs.getBoolean("announcement"));
	}

}
