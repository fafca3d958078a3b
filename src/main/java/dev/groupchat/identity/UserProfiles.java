package dev.groupchat.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The profiles of users this service has seen. A profile is written when a user is first
 * seen and whenever their token's claims change; a per-node cache of the last claims
 * written keeps this off the path of every request.
 */
@Service
public class UserProfiles {

	private final UserProfileRepository profiles;

	private final Cache<String, CurrentUser> written = Caffeine.newBuilder().maximumSize(100_000).recordStats().build();

	private final TransactionTemplate transactions;

	UserProfiles(UserProfileRepository profiles, PlatformTransactionManager transactionManager) {
		this.profiles = profiles;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Records the claims of an authenticated caller, if they changed since last written
	 * here. Called on every request: the common case (nothing changed) touches no
	 * connection and no transaction.
	 */
	public void seen(CurrentUser user) {
		if (user.equals(written.getIfPresent(user.id()))) {
			return;
		}
		transactions.executeWithoutResult(tx -> profiles.upsert(user.id(), user.name(), user.fanLevel(),
				user.ageBand() == null ? null : user.ageBand().name()));
		written.put(user.id(), user);
	}

	@Transactional(readOnly = true)
	public Optional<UserSummary> find(String userId) {
		return profiles.findById(userId).map(UserProfiles::summary);
	}

	/**
	 * Profiles of the given ids that are known; unknown ids are simply absent from the
	 * map.
	 */
	@Transactional(readOnly = true)
	public Map<String, UserSummary> findAll(Collection<String> userIds) {
		if (userIds.isEmpty()) {
			return Map.of();
		}
		return profiles.findByIdIn(userIds)
			.stream()
			.map(UserProfiles::summary)
			.collect(Collectors.toMap(UserSummary::id, Function.identity()));
	}

	/** All the service keeps of a user's profile, for their data export. */
	@Transactional(readOnly = true)
	public Optional<StoredProfile> stored(String userId) {
		return profiles.findById(userId)
			.map(p -> new StoredProfile(p.id(), p.name(), p.fanLevel(), p.ageBand(), p.firstSeenAt(), p.updatedAt()));
	}

	/**
	 * Erases the user's profile (account deletion). Harmless when there is none. A later
	 * request with a valid token of theirs creates it afresh from its claims, as for any
	 * user seen the first time.
	 */
	@Transactional
	public void erase(String userId) {
		profiles.deleteProfile(userId);
		written.invalidate(userId);
	}

	private static UserSummary summary(UserProfile profile) {
		return new UserSummary(profile.id(), profile.name(), profile.fanLevel(), profile.ageBand());
	}

	/** A profile row as stored: the claims last seen and when. */
	public record StoredProfile(String id, @Nullable String name, int fanLevel, @Nullable AgeBand ageBand,
			Instant firstSeenAt, Instant updatedAt) {
	}

	/** Read model of a profile for other modules. */
	public record UserSummary(String id, @Nullable String name, int fanLevel, @Nullable AgeBand ageBand) {
	}

	/** For {@code IdentityMetrics}. */
	Cache<?, ?> cache() {
		return written;
	}

}
