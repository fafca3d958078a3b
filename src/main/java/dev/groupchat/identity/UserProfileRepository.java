package dev.groupchat.identity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface UserProfileRepository extends Repository<UserProfile, String> {

	Optional<UserProfile> findById(String id);

	List<UserProfile> findByIdIn(Collection<String> ids);

	/**
	 * Creates the row, or refreshes it when the claims changed; one statement, no race.
	 */
	@Modifying
	@Query(value = """
			insert into user_profile (id, name, fan_level, age_band, first_seen_at, updated_at)
			values (:id, :name, :fanLevel, :ageBand, now(), now())
			on conflict (id) do update
			   set name = excluded.name, fan_level = excluded.fan_level, age_band = excluded.age_band,
			       updated_at = now()
			 where (user_profile.name, user_profile.fan_level, user_profile.age_band)
			       is distinct from (excluded.name, excluded.fan_level, excluded.age_band)
			""", nativeQuery = true)
	void upsert(@Param("id") String id, @Param("name") @Nullable String name, @Param("fanLevel") int fanLevel,
			@Param("ageBand") @Nullable String ageBand);

	@Modifying
	@Query("delete from UserProfile p where p.id = :id")
	void deleteProfile(@Param("id") String id);

}
