package dev.groupchat.groups;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.JpaRepository;

interface GroupRepository extends JpaRepository<Group, UUID> {

	@Query("select g from Group g where g.id = :id and g.deletedAt is null")
	Optional<Group> findLive(UUID id);

	/** Loads the group with its row locked until commit: the member limit is checked under it. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select g from Group g where g.id = :id and g.deletedAt is null")
	Optional<Group> lockLive(UUID id);

	/** The groups of a member with their read marker, in id (creation) order. */
	@Query("""
			select new dev.groupchat.groups.GroupMembership(g, m.lastReadSeq) from Group g join Member m on m.key.groupId = g.id
			where m.key.userId = :userId and g.deletedAt is null
			order by g.id""")
	List<GroupMembership> findForMember(String userId, Limit limit);

	@Query("""
			select new dev.groupchat.groups.GroupMembership(g, m.lastReadSeq) from Group g join Member m on m.key.groupId = g.id
			where m.key.userId = :userId and g.deletedAt is null and g.id > :after
			order by g.id""")
	List<GroupMembership> findForMemberAfter(String userId, UUID after, Limit limit);

}
