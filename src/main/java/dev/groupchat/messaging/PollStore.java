package dev.groupchat.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Votes of POLL messages: one {@code poll_vote} row per voter and chosen option; the
 * counts in {@code message.poll} are recomputed from them in the vote's transaction, with
 * the message row locked (as reactions are).
 */
@Repository
class PollStore {

	private final JdbcClient jdbc;

	private final MessageStore messages;

	PollStore(JdbcClient jdbc, MessageStore messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	/** A message locked for a vote: its poll (null if it has none, or was recalled). */
	record Locked(boolean deleted, @Nullable StoredPoll poll) {
	}

	/** Locks the message until commit; empty when it does not exist. */
	Optional<Locked> lock(UUID groupId, long seq) {
		return jdbc
			.sql("select deleted_at is not null, poll::text from message where group_id = :groupId and seq = :seq"
					+ " for update")
			.param("groupId", groupId)
			.param("seq", seq)
			.query((rs, row) -> new Locked(rs.getBoolean(1),
					rs.getString(2) == null ? null : messages.storedPoll(rs.getString(2))))
			.optional();
	}

	/** The voter's choices become {@code options} (none: the vote is withdrawn). */
	void replace(UUID groupId, long seq, String userId, List<Integer> options, Instant now) {
		jdbc.sql("delete from poll_vote where group_id = :groupId and seq = :seq and user_id = :userId")
			.param("groupId", groupId)
			.param("seq", seq)
			.param("userId", userId)
			.update();
		if (options.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into poll_vote (group_id, seq, user_id, option, voted_at)
				select :groupId, :seq, :userId, o, :now from unnest(:options::smallint[]) o""")
			.param("groupId", groupId)
			.param("seq", seq)
			.param("userId", userId)
			.param("options", options.toArray(Integer[]::new))
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Recomputes the poll's counts from its votes and answers the poll. */
	StoredPoll recount(UUID groupId, long seq) {
		String poll = jdbc.sql("""
				update message m set poll = jsonb_set(m.poll, '{votes}', (
				    select coalesce(jsonb_agg(coalesce(c.n, 0) order by i), '[]')
				      from generate_series(0, jsonb_array_length(m.poll -> 'options') - 1) i
				      left join (select option, count(*) as n from poll_vote
				                  where group_id = :groupId and seq = :seq group by option) c on c.option = i))
				 where m.group_id = :groupId and m.seq = :seq returning m.poll::text""")
			.param("groupId", groupId)
			.param("seq", seq)
			.query(String.class)
			.single();
		return messages.storedPoll(poll);
	}

	/** The options {@code userId} chose in each of the given polls of one group. */
	Map<Long, List<Integer>> choices(UUID groupId, Collection<Long> seqs, String userId) {
		Map<Long, List<Integer>> choices = new HashMap<>();
		jdbc.sql("""
				select seq, option from poll_vote
				 where group_id = :groupId and seq = any(:seqs) and user_id = :userId order by seq, option""")
			.param("groupId", groupId)
			.param("seqs", seqs.toArray(Long[]::new))
			.param("userId", userId)
			.query(rs -> {
				choices.computeIfAbsent(rs.getLong(1), seq -> new ArrayList<>()).add(rs.getInt(2));
			});
		return choices;
	}

}
