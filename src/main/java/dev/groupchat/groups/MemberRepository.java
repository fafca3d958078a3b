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
	 * Members whose user id starts with {@code idPattern} or whose profile name contains
	 * {@code namePattern} (lower-case {@code like} patterns). Reads
	 * {@code user_profile.name} (identity's table) for the name;
	 * {@code user_profile_name_trgm} serves it.
	 */
	@Query(nativeQuery = true,
			value = """
					select m.* from group_member m left join user_profile p on p.id = m.user_id
					where m.group_id = :groupId and (m.user_id like :idPattern escape '\\' or lower(p.name) like :namePattern escape '\\')
					order by m.joined_at, m.user_id limit :limit""")
	List<Member> searchPage(UUID groupId, String idPattern, String namePattern, int limit);

	@Query(nativeQuery = true,
			value = """
					select m.* from group_member m left join user_profile p on p.id = m.user_id
					where m.group_id = :groupId and (m.user_id like :idPattern escape '\\' or lower(p.name) like :namePattern escape '\\')
					and (m.joined_at, m.user_id) > (:joinedAt, :userId)
					order by m.joined_at, m.user_id limit :limit""")
	List<Member> searchPageAfter(UUID groupId, String idPattern, String namePattern, Instant joinedAt, String userId,
			int limit);

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
