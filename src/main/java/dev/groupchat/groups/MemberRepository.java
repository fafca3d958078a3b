package dev.groupchat.groups;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.JpaRepository;

interface MemberRepository extends JpaRepository<Member, MemberKey> {

	@Query("select m from Member m where m.key.groupId = :groupId order by m.joinedAt, m.key.userId")
	List<Member> findPage(UUID groupId, Limit limit);

	@Query("""
			select m from Member m where m.key.groupId = :groupId
			and (m.joinedAt > :joinedAt or (m.joinedAt = :joinedAt and m.key.userId > :userId))
			order by m.joinedAt, m.key.userId""")
	List<Member> findPageAfter(UUID groupId, Instant joinedAt, String userId, Limit limit);

	@Query("select m.key.userId from Member m where m.key.groupId = :groupId")
	List<String> findUserIds(UUID groupId);

	@Modifying
	@Query("delete from Member m where m.key.groupId = :groupId")
	void deleteAllOfGroup(UUID groupId);

}
