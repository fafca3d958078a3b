package dev.groupchat.groups;

import dev.groupchat.shared.DomainException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives each message of a group the next {@code seq}: 1, 2, 3, … with no gap and no duplicate.
 *
 * <p>How: {@code last_seq} lives on the group's row, and {@link #next} increments it with an
 * {@code UPDATE … RETURNING} inside the caller's transaction. The UPDATE takes the row lock, so a
 * second sender of the same group waits until the first commits or rolls back; a rollback undoes its
 * increment, so no number is ever skipped, and commits happen in {@code seq} order. Senders of
 * different groups never wait for each other. The same statement advances the sender's read marker,
 * records when they posted (slow mode) and returns their rights and when they posted before, so a
 * send costs one round trip here.
 */
@Service
public class Sequencer {

	private static final String NEXT = """
			with g as (
			    update chat_group set last_seq = last_seq + 1
			     where id = :groupId and deleted_at is null
			 returning id, last_seq, post_policy, slow_mode_seconds, kind, member_count),
			prev as (
			    select last_posted_at from group_member where group_id = :groupId and user_id = :userId),
			m as (
			    update group_member set last_read_seq = (select last_seq from g), last_posted_at = :now
			     where group_id = :groupId and user_id = :userId and exists (select 1 from g)
			 returning role, muted_until)
			select g.last_seq, g.post_policy, g.slow_mode_seconds, g.kind, g.member_count, m.role, m.muted_until,
			       (select last_posted_at from prev)
			  from g left join m on true
			""";

	private static final String NEXT_SYSTEM = """
			update chat_group set last_seq = last_seq + 1 where id = :groupId and deleted_at is null returning last_seq
			""";

	private final JdbcClient jdbc;

	Sequencer(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Allocates the next {@code seq} of the group for a message of {@code userId}. The caller must
	 * roll back if it decides not to store the message, which also returns the number.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public PostingRights next(UUID groupId, String userId, java.time.Instant now) {
		Optional<PostingRights> rights = jdbc.sql(NEXT)
			.param("groupId", groupId)
			.param("userId", userId)
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new PostingRights(rs.getLong(1), role(rs.getString(6)), instant(rs.getTimestamp(7)),
					PostPolicy.valueOf(rs.getString(2)), rs.getInt(3), GroupKind.valueOf(rs.getString(4)), rs.getInt(5),
					instant(rs.getTimestamp(8))))
			.optional();
		return rights.orElseThrow(() -> DomainException.notFound("group", groupId));
	}

	/** The next seq for a SYSTEM message: nobody's read marker or slow mode moves. */
	@Transactional(propagation = Propagation.MANDATORY)
	public long nextSystem(UUID groupId) {
		return jdbc.sql(NEXT_SYSTEM)
			.param("groupId", groupId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> DomainException.notFound("group", groupId));
	}

	private static Role role(String value) {
		return value == null ? null : Role.valueOf(value);
	}

	private static java.time.Instant instant(Timestamp value) {
		return value == null ? null : value.toInstant();
	}

}
