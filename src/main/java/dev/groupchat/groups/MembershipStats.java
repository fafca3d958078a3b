package dev.groupchat.groups;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aggregates over a group's members for the creator dashboard, each one SQL statement
 * over this module's tables (callers check who may see them).
 */
@Service
public class MembershipStats {

	private final JdbcClient jdbc;

	MembershipStats(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Member count and pending join requests of a live group. */
	public record Counts(int memberCount, long pendingJoinRequests) {
	}

	/** Joins and leaves of one UTC day. */
	public record DayChanges(LocalDate day, int joins, int leaves) {
	}

	/**
	 * How many members were active (posted or read) since a time, and how many have read
	 * up to each of the given seqs.
	 */
	public record Activity(long activeMembers, Map<Long, Long> readCounts) {
	}

	@Transactional(readOnly = true)
	public Counts counts(UUID groupId) {
		return jdbc.sql("""
				select g.member_count,
				       (select count(*) from join_request r where r.group_id = g.id and r.status = 'PENDING')
				  from chat_group g where g.id = :groupId""")
			.param("groupId", groupId)
			.query((rs, row) -> new Counts(rs.getInt(1), rs.getLong(2)))
			.single();
	}

	/** Days from {@code from} on that had joins or leaves; days without are absent. */
	@Transactional(readOnly = true)
	public List<DayChanges> changesSince(UUID groupId, LocalDate from) {
		return jdbc.sql("select day, joins, leaves from group_member_daily where group_id = :groupId and day >= :from")
			.param("groupId", groupId)
			.param("from", from)
			.query((rs, row) -> new DayChanges(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3)))
			.list();
	}

	/** The user ids of the group's OWNER and ADMINs. */
	@Transactional(readOnly = true)
	public List<String> moderatorIds(UUID groupId) {
		return jdbc.sql("select user_id from group_member where group_id = :groupId and role in ('OWNER', 'ADMIN')")
			.param("groupId", groupId)
			.query(String.class)
			.list();
	}

	/**
	 * One pass over the group's member rows: members who posted or read since
	 * {@code since}, and for each seq the members whose read marker is at or past it (a
	 * member's marker counts for every seq up to it, found by the bucket it falls in).
	 */
	@Transactional(readOnly = true)
	public Activity activity(UUID groupId, Instant since, List<Long> seqs) {
		Long[] sorted = seqs.stream().sorted().distinct().toArray(Long[]::new);
		long[] perBucket = new long[sorted.length + 1];
		long[] active = new long[1];
		jdbc.sql("""
				select width_bucket(last_read_seq, :seqs) as bucket,
				       count(*) filter (where greatest(last_read_at, last_posted_at) >= :since) as active,
				       count(*) as members
				  from group_member where group_id = :groupId group by 1""")
			.param("seqs", sorted.length == 0 ? new Long[] { Long.MAX_VALUE } : sorted)
			.param("since", Timestamp.from(since))
			.param("groupId", groupId)
			.query(rs -> {
				int bucket = Math.min(rs.getInt(1), sorted.length);
				active[0] += rs.getLong(2);
				perBucket[bucket] += rs.getLong(3);
			});
		Map<Long, Long> readCounts = new HashMap<>();
		long atOrPast = 0;
		for (int i = sorted.length; i >= 1; i--) {
			atOrPast += perBucket[i];
			readCounts.put(sorted[i - 1], atOrPast);
		}
		return new Activity(active[0], readCounts);
	}

}
