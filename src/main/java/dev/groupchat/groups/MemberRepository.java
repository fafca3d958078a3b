package dev.groupchat.groups;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface MemberRepository extends JpaRepository<Member, MemberKey> {

	@Query("""
			select m from Member m where m.key.groupId = :groupId and m.key.userId like :userIds escape '\\'
			order by m.joinedAt, m.key.userId""")
	List<Member> findPage(UUID groupId, String userIds, Limit limit);

	@Query("""
			select m from Member m where m.key.groupId = :groupId and m.key.userId like :userIds escape '\\'
			and (m.joinedAt > :joinedAt or (m.joinedAt = :joinedAt and m.key.userId > :userId))
			order by m.joinedAt, m.key.userId""")
	List<Member> findPageAfter(UUID groupId, String userIds, Instant joinedAt, String userId, Limit limit);

	/**
	 * Members after a position in join order, among the next {@code window} members of
	 * the group, whose user id starts with {@code idPattern} or whose profile name
	 * contains {@code namePattern} (lower-case {@code like} patterns). Walks the group in
	 * join order and looks each profile up by its key (the lateral join keeps it a nested
	 * loop), so a common match fills the page after a few rows. Reads identity's
	 * {@code user_profile.name}.
	 */
	@Query(nativeQuery = true, value = """
			select m.* from (select * from group_member where group_id = :groupId
			                 and (joined_at, user_id) > (:joinedAt, :userId)
			                 order by joined_at, user_id limit :window) m
			left join lateral (select p.name from user_profile p where p.id = m.user_id) p on true
			where m.user_id like :idPattern escape '\\' or lower(p.name) like :namePattern escape '\\'
			order by m.joined_at, m.user_id limit :limit""")
	List<Member> searchWindow(UUID groupId, String idPattern, String namePattern, Instant joinedAt, String userId,
			int window, int limit);

	/**
	 * The same matches after a position, found the other way round for rare matches: the
	 * profiles whose name contains the pattern through {@code user_profile_name_trgm},
	 * then their memberships by key, plus the user-id matches.
	 */
	@Query(nativeQuery = true, value = """
			select m.* from group_member m
			where m.group_id = :groupId and (m.joined_at, m.user_id) > (:joinedAt, :userId)
			and m.user_id in (select p.id from user_profile p where lower(p.name) like :namePattern escape '\\'
			                  union
			                  select i.user_id from group_member i where i.group_id = :groupId
			                  and i.user_id like :idPattern escape '\\')
			order by m.joined_at, m.user_id limit :limit""")
	List<Member> searchIndexed(UUID groupId, String idPattern, String namePattern, Instant joinedAt, String userId,
			int limit);

	/**
	 * The position of the {@code offset + 1}-th member after a position, if there is one.
	 */
	@Query(nativeQuery = true, value = """
			select * from group_member where group_id = :groupId and (joined_at, user_id) > (:joinedAt, :userId)
			order by joined_at, user_id offset :offset limit 1""")
	List<Member> memberAt(UUID groupId, Instant joinedAt, String userId, int offset);

	/**
	 * The members a MEMBER sees of a group whose member list is hidden, after a position
	 * in join order: the OWNER, the ADMINs and the viewer themselves, whose user id
	 * starts with {@code idPattern} or whose profile name contains {@code namePattern}.
	 * Read through {@code group_member_moderators} and the primary key (a bitmap OR),
	 * never a pass over the group.
	 */
	@Query(nativeQuery = true, value = """
			select m.* from group_member m
			left join lateral (select p.name from user_profile p where p.id = m.user_id) p on true
			where m.group_id = :groupId and (m.role in ('OWNER', 'ADMIN') or m.user_id = :viewerId)
			and (m.joined_at, m.user_id) > (:joinedAt, :userId)
			and (m.user_id like :idPattern escape '\\' or lower(p.name) like :namePattern escape '\\')
			order by m.joined_at, m.user_id limit :limit""")
	List<Member> findVisibleWhenHidden(UUID groupId, String viewerId, String idPattern, String namePattern,
			Instant joinedAt, String userId, int limit);

	default List<Member> findPage(UUID groupId, Limit limit) {
		return findPage(groupId, "%", limit);
	}

	default List<Member> findPageAfter(UUID groupId, Instant joinedAt, String userId, Limit limit) {
		return findPageAfter(groupId, "%", joinedAt, userId, limit);
	}

	/**
	 * Members who joined with one invite, in join order ({@code group_member_by_invite}).
	 */
	@Query("""
			select m from Member m where m.key.groupId = :groupId and m.inviteCode = :inviteCode
			order by m.joinedAt, m.key.userId""")
	List<Member> findJoinedWith(UUID groupId, String inviteCode, Limit limit);

	@Query("""
			select m from Member m where m.key.groupId = :groupId and m.inviteCode = :inviteCode
			and (m.joinedAt > :joinedAt or (m.joinedAt = :joinedAt and m.key.userId > :userId))
			order by m.joinedAt, m.key.userId""")
	List<Member> findJoinedWithAfter(UUID groupId, String inviteCode, Instant joinedAt, String userId, Limit limit);

	/**
	 * As {@link #findJoinedWithAfter}, only the OWNER, the ADMINs and the viewer: what a
	 * MEMBER sees of a group whose member list is hidden.
	 */
	@Query("""
			select m from Member m where m.key.groupId = :groupId and m.inviteCode = :inviteCode
			and (m.role <> 'MEMBER' or m.key.userId = :viewerId)
			and (m.joinedAt > :joinedAt or (m.joinedAt = :joinedAt and m.key.userId > :userId))
			order by m.joinedAt, m.key.userId""")
	List<Member> findVisibleJoinedWithAfter(UUID groupId, String inviteCode, String viewerId, Instant joinedAt,
			String userId, Limit limit);

	/** How many members each of the given invites brought: rows of (code, count). */
	@Query("""
			select m.inviteCode, count(m) from Member m where m.key.groupId = :groupId and m.inviteCode in :codes
			group by m.inviteCode""")
	List<Object[]> countJoinedWith(UUID groupId, Collection<String> codes);

	@Query("select m.key.userId from Member m where m.key.groupId = :groupId")
	List<String> findUserIds(UUID groupId);

	/** The ADMINs of a group, longest-serving first. */
	@Query("select m from Member m where m.key.groupId = :groupId and m.role = 'ADMIN' order by m.joinedAt, m.key.userId")
	List<Member> findAdmins(UUID groupId, Limit limit);

	@Query("""
			select new dev.groupchat.groups.UserMembership(g.id, g.name, m.role, m.joinedAt, m.mutedUntil, m.lastReadSeq)
			from Member m join Group g on g.id = m.key.groupId
			where m.key.userId = :userId and g.deletedAt is null
			order by m.joinedAt, g.id""")
	List<UserMembership> findMemberships(String userId);

	@Modifying
	@Query("delete from Member m where m.key.groupId = :groupId")
	void deleteAllOfGroup(UUID groupId);

}
