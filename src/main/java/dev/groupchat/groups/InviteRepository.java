package dev.groupchat.groups;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface InviteRepository extends ListCrudRepository<Invite, String> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select i from Invite i where i.code = :code")
	Optional<Invite> lockByCode(String code);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select i from Invite i where i.code = :code and i.groupId = :groupId")
	Optional<Invite> lockInGroup(UUID groupId, String code);

	/**
	 * Live (unrevoked) invites of a group, newest first; {@code createdBy} null means
	 * everyone's.
	 */
	@Query("""
			select i from Invite i where i.groupId = :groupId and i.revokedAt is null
			and (:createdBy is null or i.createdBy = :createdBy)
			order by i.createdAt desc, i.code desc""")
	List<Invite> findLive(UUID groupId, @Nullable String createdBy, Limit limit);

	@Query("""
			select i from Invite i where i.groupId = :groupId and i.revokedAt is null
			and (:createdBy is null or i.createdBy = :createdBy)
			and (i.createdAt < :createdAt or (i.createdAt = :createdAt and i.code < :code))
			order by i.createdAt desc, i.code desc""")
	List<Invite> findLiveBefore(UUID groupId, @Nullable String createdBy, Instant createdAt, String code, Limit limit);

	@Modifying(flushAutomatically = true, clearAutomatically = false)
	@Query("""
			update Invite i set i.revokedAt = :now, i.revokedBy = :by
			where i.groupId = :groupId and i.createdBy = :createdBy and i.revokedAt is null""")
	int revokeAllOf(UUID groupId, String createdBy, String by, Instant now);

	@Modifying
	@Query("delete from Invite i where i.groupId = :groupId")
	void deleteAllOfGroup(UUID groupId);

}
