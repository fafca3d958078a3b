package dev.groupchat.groups;

import dev.groupchat.shared.DomainException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives each message of a group the next {@code seq}: 1, 2, 3, … with no gap and no
 * duplicate.
 *
 * <p>
 * How: {@code last_seq} lives on the group's row. A writer first locks the rows of the
 * groups it writes to ({@link #lockForPosting}, {@code SELECT … FOR UPDATE} in id order,
 * so two writers never deadlock), decides which messages it accepts, then stores the new
 * {@code last_seq} with {@link #advance} in the same transaction. Until that transaction
 * ends nobody else can take a number in those groups; a rollback returns every number it
 * took, so none is ever skipped, and commits happen in {@code seq} order.
 * {@link #advance} also moves each sender's read marker and records when they posted
 * (slow mode).
 */
@Service
public class Sequencer {

	private final JdbcClient jdbc;

	Sequencer(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A group's posting settings and last seq, read with its row locked;
	 * {@code membersHidden}: its member list is hidden from MEMBERs.
	 */
	public record GroupState(UUID groupId, long lastSeq, PostPolicy postPolicy, int slowModeSeconds, GroupKind kind,
			int memberCount, boolean membersHidden) {
	}

	/** One user in one group. */
	public record MemberRef(UUID groupId, String userId) {
	}

	/** A member's standing for posting: role, mute and when they last posted. */
	public record SenderState(Role role, @Nullable Instant mutedUntil, @Nullable Instant lastPostedAt) {
	}

	/**
	 * A message a sender posted: their read marker moves to it and slow mode counts from
	 * it.
	 */
	public record Posted(UUID groupId, String userId, long seq, Instant at) {
	}

	/**
	 * The groups a batch writes to, locked, and the standing of the users it names in
	 * them.
	 */
	public record Locked(Map<UUID, GroupState> groups, Map<MemberRef, SenderState> members) {
	}

	/**
	 * Locks the live groups among {@code groupIds} until the transaction ends, and
	 * answers their state together with the standing of {@code refs} (non-members are
	 * absent): one round trip.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Locked lockForPosting(Collection<UUID> groupIds, Collection<MemberRef> refs) {
		Map<UUID, GroupState> groups = new HashMap<>();
		Map<MemberRef, SenderState> members = new HashMap<>();
		jdbc.sql(
				"""
						with locked as (
						    select id, last_seq, post_policy, slow_mode_seconds, kind, member_count,
						           coalesce(hidden_members, kind = 'FAN' and minor_members > 0) as members_hidden from chat_group
						     where id = any(:ids) and deleted_at is null order by id for update)
						select l.id, l.last_seq, l.post_policy, l.slow_mode_seconds, l.kind, l.member_count,
						       s.user_id, s.role, s.muted_until, s.last_posted_at, l.members_hidden
						  from locked l
						  left join (select m.group_id, m.user_id, m.role, m.muted_until, m.last_posted_at
						               from group_member m
						               join unnest(:groupIds, :userIds) as r(group_id, user_id)
						                 on m.group_id = r.group_id and m.user_id = r.user_id) s on s.group_id = l.id""")
			.param("ids", groupIds.toArray(UUID[]::new))
			.param("groupIds", refs.stream().map(MemberRef::groupId).toArray(UUID[]::new))
			.param("userIds", refs.stream().map(MemberRef::userId).toArray(String[]::new))
			.query(rs -> {
				UUID groupId = rs.getObject(1, UUID.class);
				groups.computeIfAbsent(groupId, id -> groupState(rs, id));
				String userId = rs.getString(7);
				if (userId != null) {
					members.put(new MemberRef(groupId, userId), new SenderState(Role.valueOf(rs.getString(8)),
							instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10))));
				}
			});
		return new Locked(groups, members);
	}

	private static GroupState groupState(ResultSet rs, UUID groupId) {
		try {
			return new GroupState(groupId, rs.getLong(2), PostPolicy.valueOf(rs.getString(3)), rs.getInt(4),
					GroupKind.valueOf(rs.getString(5)), rs.getInt(6), rs.getBoolean(11));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Stores the groups' new last seq and the senders' read markers and post times. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void advance(Map<UUID, Long> lastSeqs, List<Posted> posted) {
		if (lastSeqs.isEmpty()) {
			return;
		}
		jdbc.sql("""
				with groups as (
				    update chat_group g set last_seq = n.last_seq, last_message_at = :now
				      from unnest(:ids, :seqs) as n(id, last_seq) where g.id = n.id)
				update group_member m set last_read_seq = greatest(m.last_read_seq, p.seq), last_posted_at = p.at
				  from (select group_id, user_id, max(seq) as seq, max(at) as at
				          from unnest(:groupIds, :userIds, :seqs2, :ats) as x(group_id, user_id, seq, at)
				         group by group_id, user_id) p
				 where m.group_id = p.group_id and m.user_id = p.user_id""")
			.param("ids", lastSeqs.keySet().toArray(UUID[]::new))
			.param("seqs", lastSeqs.values().toArray(Long[]::new))
			.param("groupIds", posted.stream().map(Posted::groupId).toArray(UUID[]::new))
			.param("userIds", posted.stream().map(Posted::userId).toArray(String[]::new))
			.param("seqs2", posted.stream().map(Posted::seq).toArray(Long[]::new))
			.param("ats", posted.stream().map(p -> Timestamp.from(p.at())).toArray(Timestamp[]::new))
			.param("now",
					Timestamp.from(posted.stream().map(Posted::at).max(Instant::compareTo).orElseGet(Instant::now)))
			.update();
	}

	/**
	 * The next seq for a SYSTEM message, in the caller's transaction: nobody's marker or
	 * slow mode moves.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long nextSystem(UUID groupId) {
		return jdbc
			.sql("update chat_group set last_seq = last_seq + 1 where id = :groupId and deleted_at is null"
					+ " returning last_seq")
			.param("groupId", groupId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> DomainException.notFound("group", groupId));
	}

	private static @Nullable Instant instant(@Nullable Timestamp value) {
		return value == null ? null : value.toInstant();
	}

}
