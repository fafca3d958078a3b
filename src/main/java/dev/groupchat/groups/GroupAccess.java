package dev.groupchat.groups;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.groupchat.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/** What other modules may ask about who is in a group, without seeing its entities. */
@Service
public class GroupAccess {

	private final JdbcClient jdbc;

	/**
	 * Standings for the paths that ask on every call (history pages, subscriptions,
	 * typing, reactions). Evicted when a change to them commits on this node; the expiry
	 * bounds how long a change made on another node takes to be seen here.
	 */
	private final Cache<MemberKey, Standing> standings = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterWrite(Duration.ofSeconds(30))
		.recordStats()
		.build();

	GroupAccess(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** As {@link #standing}, from a cache kept current by this module's own events. */
	public Standing cachedStanding(UUID groupId, String userId) {
		return standings.get(new MemberKey(groupId, userId), key -> standing(groupId, userId));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(MemberJoined event) {
		standings.invalidate(new MemberKey(event.groupId(), event.member().userId()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(MemberLeft event) {
		standings.invalidate(new MemberKey(event.groupId(), event.userId()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(MemberBanned event) {
		standings.invalidate(new MemberKey(event.groupId(), event.userId()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(MemberUnbanned event) {
		standings.invalidate(new MemberKey(event.groupId(), event.userId()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(MemberRoleChanged event) {
		standings.invalidate(new MemberKey(event.groupId(), event.member().userId()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(MemberMuted event) {
		standings.invalidate(new MemberKey(event.groupId(), event.member().userId()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(MemberShadowMuted event) {
		standings.invalidate(new MemberKey(event.groupId(), event.userId()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(GroupUpdated event) {
		evictGroup(event.groupId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(GroupDeleted event) {
		evictGroup(event.groupId());
	}

	private void evictGroup(UUID groupId) {
		standings.asMap().keySet().removeIf(key -> key.groupId().equals(groupId));
	}

	/**
	 * A user's standing in a group: member (with role and mute), reader of a public fan
	 * group, or nothing; with the group's post policy, so that who may post can be
	 * answered before a message is queued, whether the member is shadow-muted (their
	 * typing is then not broadcast), and until when a member who came in by themselves is
	 * on probation (null: not on it; never for OWNER and ADMIN).
	 */
	public record Standing(boolean exists, @Nullable Role role, @Nullable Instant mutedUntil, boolean publicReadable,
			boolean banned, @Nullable PostPolicy postPolicy, boolean shadowMuted, @Nullable Instant probationUntil) {

		/** Whether the member is still on probation at {@code now}. */
		public boolean onProbationAt(Instant now) {
			return probationUntil != null && probationUntil.isAfter(now);
		}

		public boolean isMember() {
			return role != null;
		}

		/** Whether they are the group's OWNER or an ADMIN. */
		public boolean isModerator() {
			return role != null && role.isModerator();
		}

		/** Members, and anyone not banned for a PUBLIC fan group. */
		public boolean mayRead() {
			return role != null || (publicReadable && !banned);
		}

		/** Refuses one who may not read: the group does not exist for them (404). */
		public Standing requireReader(UUID groupId) {
			if (!mayRead()) {
				throw DomainException.notFound("group", groupId);
			}
			return this;
		}

		/** Refuses a non-member: 404 if they cannot even read the group, else 403. */
		public Standing requireMember(UUID groupId) {
			requireReader(groupId);
			if (!isMember()) {
				throw DomainException.forbidden("only members of this group may do this");
			}
			return this;
		}

	}

	@Transactional(readOnly = true)
	public Standing standing(UUID groupId, String userId) {
		return jdbc.sql("""
				select m.role, m.muted_until, (g.kind = 'FAN' and g.visibility = 'PUBLIC') as public_readable,
				       exists (select 1 from group_ban b where b.group_id = g.id and b.user_id = :userId) as banned,
				       g.post_policy, coalesce(m.shadow_muted, false),
				       case when m.role = 'MEMBER' then m.probation_until end
				  from chat_group g left join group_member m on m.group_id = g.id and m.user_id = :userId
				 where g.id = :groupId and g.deleted_at is null""")
			.param("groupId", groupId)
			.param("userId", userId)
			.query((rs, row) -> new Standing(true, rs.getString(1) == null ? null : Role.valueOf(rs.getString(1)),
					rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(), rs.getBoolean(3),
					rs.getBoolean(4), PostPolicy.valueOf(rs.getString(5)), rs.getBoolean(6),
					rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
			.optional()
			.orElse(new Standing(false, null, null, false, false, null, false, null));
	}

	/**
	 * Which of {@code userIds} may read the group now (members, and readers of a PUBLIC
	 * fan group who are not banned); nobody once the group is deleted. Read uncached, for
	 * deciding whose live subscriptions end.
	 */
	@Transactional(readOnly = true)
	public Set<String> readersAmong(UUID groupId, Collection<String> userIds) {
		if (userIds.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc
			.sql("""
					select u.id from chat_group g cross join unnest(:userIds::text[]) as u(id)
					 where g.id = :groupId and g.deleted_at is null
					   and (exists (select 1 from group_member m where m.group_id = g.id and m.user_id = u.id)
					        or (g.kind = 'FAN' and g.visibility = 'PUBLIC'
					            and not exists (select 1 from group_ban b where b.group_id = g.id and b.user_id = u.id)))""")
			.param("groupId", groupId)
			.param("userIds", userIds.toArray(String[]::new))
			.query(String.class)
			.list());
	}

	/**
	 * The group's OWNER and ADMINs (who see shadow-muted members' messages), read
	 * uncached from the moderators' partial index.
	 */
	@Transactional(readOnly = true)
	public Set<String> moderatorIds(UUID groupId) {
		return Set.copyOf(
				jdbc.sql("select user_id from group_member where group_id = :groupId and role in ('OWNER', 'ADMIN')")
					.param("groupId", groupId)
					.query(String.class)
					.list());
	}

	/** The group's kind, or empty when it does not exist. */
	@Transactional(readOnly = true)
	public Optional<GroupKind> kind(UUID groupId) {
		return jdbc.sql("select kind from chat_group where id = :groupId and deleted_at is null")
			.param("groupId", groupId)
			.query(String.class)
			.optional()
			.map(GroupKind::valueOf);
	}

	/**
	 * How many days the group keeps messages: empty when it keeps them forever (or does
	 * not exist).
	 */
	@Transactional(readOnly = true)
	public Optional<Integer> retentionDays(UUID groupId) {
		return jdbc.sql("select retention_days from chat_group where id = :groupId and retention_days is not null")
			.param("groupId", groupId)
			.query(Integer.class)
			.optional();
	}

	/** The group's last seq, or empty when it does not exist. */
	@Transactional(readOnly = true)
	public Optional<Long> lastSeq(UUID groupId) {
		return jdbc.sql("select last_seq from chat_group where id = :groupId and deleted_at is null")
			.param("groupId", groupId)
			.query(Long.class)
			.optional();
	}

	/**
	 * The last seqs of the live groups among {@code groupIds}, in one query (a node
	 * checks every group it delivers at once); deleted and unknown groups are absent.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, Long> lastSeqs(Collection<UUID> groupIds) {
		Map<UUID, Long> lastSeqs = new HashMap<>();
		if (groupIds.isEmpty()) {
			return lastSeqs;
		}
		jdbc.sql("select id, last_seq from chat_group where id = any(:ids) and deleted_at is null")
			.param("ids", groupIds.toArray(UUID[]::new))
			.query(rs -> {
				lastSeqs.put(rs.getObject(1, UUID.class), rs.getLong(2));
			});
		return lastSeqs;
	}

	/**
	 * The groups that keep messages for a limited time, deleted groups included: their
	 * history stays until retention removes it.
	 */
	@Transactional(readOnly = true)
	public List<RetentionPolicy> retentionPolicies() {
		return jdbc.sql("select id, retention_days from chat_group where retention_days is not null order by id")
			.query((rs, row) -> new RetentionPolicy(rs.getObject(1, UUID.class), rs.getInt(2)))
			.list();
	}

	/**
	 * Messages of {@code groupId} older than {@code retentionDays} days are to be
	 * deleted.
	 */
	public record RetentionPolicy(UUID groupId, int retentionDays) {
	}

	/** For {@code GroupsMetrics}. */
	Cache<?, ?> cache() {
		return standings;
	}

}
