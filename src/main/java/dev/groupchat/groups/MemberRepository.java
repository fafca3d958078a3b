package dev.groupchat.groups;

import java.time.Instant;
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

	default List<Member> findPage(UUID groupId, Limit limit) {
		return findPage(groupId, "%", limit);
	}

	default List<Member> findPageAfter(UUID groupId, Instant joinedAt, String userId, Limit limit) {
		return findPageAfter(groupId, "%", joinedAt, userId, limit);
	}

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
