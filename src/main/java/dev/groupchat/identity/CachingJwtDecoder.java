package dev.groupchat.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that passed validation until they expire: an app sends the same token
 * with every request, and checking its signature and claims again each time is work on
 * every call's path. Only valid tokens are kept, never longer than their {@code exp}; a
 * kept token past its {@code exp} is refused like any expired one.
 */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final Clock clock;

	private final Cache<String, Jwt> valid;

	CachingJwtDecoder(JwtDecoder delegate, Clock clock, long maximumSize) {
		this.delegate = delegate;
		this.clock = clock;
		this.valid = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfter(new UntilExpiry(clock))
			.recordStats()
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt cached = valid.getIfPresent(token);
		if (cached != null) {
			if (cached.getExpiresAt().isAfter(clock.instant())) {
				return cached;
			}
			valid.invalidate(token);
			throw new BadJwtException("the token has expired");
		}
		Jwt jwt = delegate.decode(token);
		valid.put(token, jwt);
		return jwt;
	}

	/**
	 * Validates like {@link #decode} without keeping the token: for a caller that
	 * presents it once (a STOMP CONNECT verifies its token once per connection), where
	 * keeping it would hold a decoded token with its claim maps per open connection for
	 * nothing. A token already kept by a REST call is answered from the cache.
	 */
	Jwt decodeOnce(String token) throws JwtException {
		Jwt cached = valid.getIfPresent(token);
		if (cached != null) {
			return decode(token);
		}
		return delegate.decode(token);
	}

	private record UntilExpiry(Clock clock) implements Expiry<String, Jwt> {

		@Override
		public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
			Instant exp = jwt.getExpiresAt();
			return Math.max(0, Duration.between(clock.instant(), exp).toNanos());
		}

		@Override
		public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
			return expireAfterCreate(token, jwt, currentTime);
		}

		@Override
		public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

	/** For {@code IdentityMetrics}. */
	Cache<?, ?> cache() {
		return valid;
	}

}
