package dev.groupchat.groups;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface InviteRepository extends ListCrudRepository<Invite, String> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select i from Invite i where i.code = :code")
	Optional<Invite> lockByCode(String code);

	@Modifying
	@Query("delete from Invite i where i.groupId = :groupId")
	void deleteAllOfGroup(UUID groupId);

}
