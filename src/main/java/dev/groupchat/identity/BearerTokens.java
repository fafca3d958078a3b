package dev.groupchat.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * The calls for a bearer token that does not come through Spring Security's filter chain
 * (a STOMP CONNECT, the lean history read): the same decoder, validators and claim rules
 * as a REST call, so a transport never decodes tokens itself.
 */
@Component
public final class BearerTokens {

	/** As Spring Security's {@code DefaultBearerTokenResolver} accepts a header. */
	private static final Pattern AUTHORIZATION = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
			Pattern.CASE_INSENSITIVE);

	private final JwtDecoder decoder;

	private final UserProfiles profiles;

	BearerTokens(JwtDecoder decoder, UserProfiles profiles) {
		this.decoder = decoder;
		this.profiles = profiles;
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

	/**
	 * A REST call's caller from its {@code Authorization} header, as the filter chain and
	 * {@link CurrentUserResolver} would find it (the same cache of valid tokens, the
	 * caller's profile recorded); empty when the header or the token is not valid, for
	 * the filter chain to answer.
	 */
	public Optional<CurrentUser> restCaller(@Nullable String authorization) {
		if (authorization == null) {
			return Optional.empty();
		}
		var matcher = AUTHORIZATION.matcher(authorization);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		Jwt jwt;
		try {
			jwt = decoder.decode(matcher.group("token"));
		}
		catch (JwtException ex) {
			return Optional.empty();
		}
		CurrentUser user = Claims.toUser(jwt);
		profiles.seen(user);
		return Optional.of(user);
	}

}
