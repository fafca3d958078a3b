package dev.groupchat.groups;

import dev.groupchat.shared.DomainException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives each message of a group the next {@code seq}: 1, 2, 3, … with no gap and no duplicate.
 *
 * <p>How: {@code last_seq} lives on the group's row. A writer first locks the rows of the groups it
 * writes to ({@link #lockGroups}, {@code SELECT … FOR UPDATE} in id order, so two writers never
 * deadlock), decides which messages it accepts, then stores the new {@code last_seq} with
 * {@link #advance} in the same transaction. Until that transaction ends nobody else can take a
 * number in those groups; a rollback returns every number it took, so none is ever skipped, and
 * commits happen in {@code seq} order. {@link #advance} also moves each sender's read marker and
 * records when they posted (slow mode).
 */
@Service
public class Sequencer {

	private final JdbcClient jdbc;

	Sequencer(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A group's posting settings and last seq, read with its row locked. */
	public record GroupState(UUID groupId, long lastSeq, PostPolicy postPolicy, int slowModeSeconds, GroupKind kind,
			int memberCount) {
	}

	/** One user in one group. */
	public record MemberRef(UUID groupId, String userId) {
	}

	/** A member's standing for posting: role, mute and when they last posted. */
	public record SenderState(Role role, Instant mutedUntil, Instant lastPostedAt) {
	}

	/** A message a sender posted: their read marker moves to it and slow mode counts from it. */
	public record Posted(UUID groupId, String userId, long seq, Instant at) {
	}

	/** Locks the live groups among {@code groupIds} until the transaction ends and answers their state. */
	@Transactional(propagation = Propagation.MANDATORY)
	public Map<UUID, GroupState> lockGroups(Collection<UUID> groupIds) {
		Map<UUID, GroupState> states = new HashMap<>();
		jdbc.sql("""
				select id, last_seq, post_policy, slow_mode_seconds, kind, member_count from chat_group
				 where id = any(:ids) and deleted_at is null order by id for update""")
			.param("ids", groupIds.toArray(UUID[]::new))
			.query((rs, row) -> new GroupState(rs.getObject(1, UUID.class), rs.getLong(2),
					PostPolicy.valueOf(rs.getString(3)), rs.getInt(4), GroupKind.valueOf(rs.getString(5)), rs.getInt(6)))
			.list()
			.forEach(state -> states.put(state.groupId(), state));
		return states;
	}

	/** The standing of each of the given users in each given group; non-members are absent. */
	@Transactional(propagation = Propagation.MANDATORY)
	public Map<MemberRef, SenderState> senders(Collection<MemberRef> refs) {
		Map<MemberRef, SenderState> states = new HashMap<>();
		jdbc.sql("""
				select m.group_id, m.user_id, m.role, m.muted_until, m.last_posted_at
				  from group_member m join unnest(:groupIds, :userIds) as r(group_id, user_id) using (group_id, user_id)""")
			.param("groupIds", refs.stream().map(MemberRef::groupId).toArray(UUID[]::new))
			.param("userIds", refs.stream().map(MemberRef::userId).toArray(String[]::new))
			.query((rs, row) -> Map.entry(new MemberRef(rs.getObject(1, UUID.class), rs.getString(2)), new SenderState(
					Role.valueOf(rs.getString(3)), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)))))
			.list()
			.forEach(entry -> states.put(entry.getKey(), entry.getValue()));
		return states;
	}

	/** Stores the groups' new last seq and the senders' read markers and post times. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void advance(Map<UUID, Long> lastSeqs, List<Posted> posted) {
		if (lastSeqs.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update chat_group g set last_seq = n.last_seq
				  from unnest(:ids, :seqs) as n(id, last_seq) where g.id = n.id""")
			.param("ids", lastSeqs.keySet().toArray(UUID[]::new))
			.param("seqs", lastSeqs.values().toArray(Long[]::new))
			.update();
		jdbc.sql("""
				update group_member m set last_read_seq = greatest(m.last_read_seq, p.seq), last_posted_at = p.at
				  from (select group_id, user_id, max(seq) as seq, max(at) as at
				          from unnest(:groupIds, :userIds, :seqs, :ats) as x(group_id, user_id, seq, at)
				         group by group_id, user_id) p
				 where m.group_id = p.group_id and m.user_id = p.user_id""")
			.param("groupIds", posted.stream().map(Posted::groupId).toArray(UUID[]::new))
			.param("userIds", posted.stream().map(Posted::userId).toArray(String[]::new))
			.param("seqs", posted.stream().map(Posted::seq).toArray(Long[]::new))
			.param("ats", posted.stream().map(p -> Timestamp.from(p.at())).toArray(Timestamp[]::new))
			.update();
	}

	/** The next seq for a SYSTEM message, in the caller's transaction: nobody's marker or slow mode moves. */
	@Transactional(propagation = Propagation.MANDATORY)
	public long nextSystem(UUID groupId) {
		return jdbc.sql("update chat_group set last_seq = last_seq + 1 where id = :groupId and deleted_at is null"
				+ " returning last_seq")
			.param("groupId", groupId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> DomainException.notFound("group", groupId));
	}

	private static Instant instant(Timestamp value) {
		return value == null ? null : value.toInstant();
	}

}
