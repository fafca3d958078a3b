package dev.groupchat.groups;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface JoinRequestRepository extends ListCrudRepository<JoinRequest, MemberKey> {

	@Query("""
			select r from JoinRequest r where r.key.groupId = :groupId and r.status = 'PENDING'
			order by r.requestedAt, r.key.userId""")
	List<JoinRequest> findPending(UUID groupId, Limit limit);

	@Query("""
			select r from JoinRequest r where r.key.groupId = :groupId and r.status = 'PENDING'
			and (r.requestedAt > :requestedAt or (r.requestedAt = :requestedAt and r.key.userId > :userId))
			order by r.requestedAt, r.key.userId""")
	List<JoinRequest> findPendingAfter(UUID groupId, Instant requestedAt, String userId, Limit limit);

	@Modifying
	@Query("delete from JoinRequest r where r.key.groupId = :groupId")
	void deleteAllOfGroup(UUID groupId);

	@Modifying
	@Query("delete from JoinRequest r where r.key.userId = :userId")
	void deleteAllOfUser(String userId);

}
