package dev.groupchat.identity;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * The one call for a bearer token that does not come through Spring Security's filter
 * chain (a STOMP CONNECT): the same decoder, validators and claim rules as a REST call,
 * so a transport never decodes tokens itself.
 */
@Component
public final class BearerTokens {

	private final JwtDecoder decoder;

	BearerTokens(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	/** A valid token's user, and when the token expires. */
	public record Verified(CurrentUser user, @Nullable Instant expiresAt) {
	}

	/**
	 * The token's user; empty when it is not valid (signature, expiry, issuer, audience,
	 * claims).
	 */
	public Optional<Verified> verify(String token) {
		Jwt jwt;
		try {
			// once per connection: not kept in the REST calls' cache of valid tokens
			jwt = decoder instanceof CachingJwtDecoder caching ? caching.decodeOnce(token) : decoder.decode(token);
		}
		catch (JwtException ex) {
			return Optional.empty();
		}
		return Optional.of(new Verified(Claims.toUser(jwt), jwt.getExpiresAt()));
	}

}
