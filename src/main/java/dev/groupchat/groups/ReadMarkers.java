package dev.groupchat.groups;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.DomainException;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How far each member has read. A marker only moves forward, and never past the last
 * message.
 */
@Service
public class ReadMarkers {

	private final Groups groups;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ReadMarkers(Groups groups, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.clock = clock;
		this.groups = groups;
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * Records that the caller has read up to {@code seq}; answers the marker now in
	 * force. Only a marker that moved is announced ({@link ReadMarked}).
	 */
	@Transactional
	public long markRead(CurrentUser user, UUID groupId, long seq) {
		Actor actor = groups.actor(groupId, user.id()).requireMember();
		if (seq < 0 || seq > actor.group().view().lastSeq()) {
			throw DomainException.invalid("seq must be between 0 and the group's lastSeq");
		}
		Optional<Long> moved = jdbc.sql("""
				update group_member set last_read_seq = :seq, last_read_at = :now
				 where group_id = :groupId and user_id = :userId and last_read_seq < :seq returning last_read_seq""")
			.param("seq", seq)
			.param("now", Timestamp.from(clock.instant()))
			.param("groupId", groupId)
			.param("userId", user.id())
			.query(Long.class)
			.optional();
		if (moved.isEmpty()) {
			// the marker did not move: nothing to tell the group
			return jdbc.sql("select last_read_seq from group_member where group_id = :groupId and user_id = :userId")
				.param("groupId", groupId)
				.param("userId", user.id())
				.query(Long.class)
				.single();
		}
		long marker = moved.get();
		events.publishEvent(new ReadMarked(groupId, user.id(), marker, actor.group().membersHidden()));
		return marker;
	}

	/**
	 * How far the message at {@code seq}, sent by {@code senderId}, has been read, in one
	 * statement: a range count on {@code group_member_by_read (group_id, last_read_seq)}
	 * and a key lookup of the sender's own marker (subtracted). With {@code listReaders}
	 * the readers' ids too (meant for CHAT groups of at most a few dozen members). Empty
	 * when the group does not exist.
	 */
	@Transactional(readOnly = true)
	public Optional<ReadThrough> readThrough(UUID groupId, long seq, String senderId, boolean listReaders) {
		return jdbc.sql("""
				select g.member_count - (s.user_id is not null)::int as member_count,
				       (select count(*) from group_member m where m.group_id = g.id and m.last_read_seq >= :seq)
				         - coalesce((s.last_read_seq >= :seq)::int, 0) as read_count,
				       case when :listReaders then array(
				           select m.user_id from group_member m
				            where m.group_id = g.id and m.last_read_seq >= :seq and m.user_id <> :senderId
				            order by m.user_id) end as readers
				  from chat_group g left join group_member s on s.group_id = g.id and s.user_id = :senderId
				 where g.id = :groupId and g.deleted_at is null""")
			.param("groupId", groupId)
			.param("seq", seq)
			.param("senderId", senderId)
			.param("listReaders", listReaders)
			.query((rs, row) -> new ReadThrough(rs.getLong(1), rs.getLong(2), strings(rs.getArray(3))))
			.optional();
	}

	private static @Nullable List<String> strings(@Nullable Array array) throws SQLException {
		return array == null ? null : Arrays.asList((String[]) array.getArray());
	}

}
