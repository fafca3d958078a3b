package dev.groupchat.groups;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface BanRepository extends ListCrudRepository<Ban, MemberKey> {

	/** The newest bans of a group first ({@code group_ban_by_time}). */
	@Query("select b from Ban b where b.key.groupId = :groupId order by b.bannedAt desc, b.key.userId desc")
	List<Ban> findPage(UUID groupId, Limit limit);

	@Query("""
			select b from Ban b where b.key.groupId = :groupId
			and (b.bannedAt < :bannedAt or (b.bannedAt = :bannedAt and b.key.userId < :userId))
			order by b.bannedAt desc, b.key.userId desc""")
	List<Ban> findPageAfter(UUID groupId, Instant bannedAt, String userId, Limit limit);

}
