package dev.groupchat.groups;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface GroupRepository extends JpaRepository<Group, UUID> {

	@Query("select g from Group g where g.id = :id and g.deletedAt is null")
	Optional<Group> findLive(UUID id);

	/**
	 * Loads the group with its row locked until commit: the member limit is checked under
	 * it.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select g from Group g where g.id = :id and g.deletedAt is null")
	Optional<Group> lockLive(UUID id);

	/**
	 * The groups of a member with their membership: pinned ones first, then the others,
	 * each in id (creation) order, after the keyset position ({@code rank} 0 pinned, 1
	 * not; the first page passes rank -1). Either the archived groups or the others: a
	 * group counts as archived while {@code archivedAt} is set and no message came after
	 * it, or notifications are muted.
	 */
	@Query("""
			select new dev.groupchat.groups.GroupMembership(g, m) from Group g join Member m on m.key.groupId = g.id
			where m.key.userId = :userId and g.deletedAt is null
			and (case when m.pinnedAt is null then 1 else 0 end > :rank
			     or (case when m.pinnedAt is null then 1 else 0 end = :rank and g.id > :after))
			and ((:archived = true and (m.archivedAt is not null and (g.lastMessageAt is null or g.lastMessageAt <= m.archivedAt
			     or m.notificationsMutedForever = true
			     or (m.notificationsMutedUntil is not null and m.notificationsMutedUntil > :now))))
			  or (:archived = false and not (m.archivedAt is not null and (g.lastMessageAt is null or g.lastMessageAt <= m.archivedAt
			     or m.notificationsMutedForever = true
			     or (m.notificationsMutedUntil is not null and m.notificationsMutedUntil > :now)))))
			order by case when m.pinnedAt is null then 1 else 0 end, g.id""")
	List<GroupMembership> findForMember(String userId, int rank, UUID after, boolean archived, Instant now,
			Limit limit);

}
