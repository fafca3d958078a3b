package dev.groupchat.identity;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads the contract's claims from a validated token. Also the validator that refuses
 * tokens whose claims break the contract, so that everything after authentication can
 * trust them.
 */
final class Claims implements OAuth2TokenValidator<Jwt> {

	static final int MAX_SUBJECT_LENGTH = 64;

	/**
	 * Longest display name kept (code points); a longer {@code name} claim is cut to this
	 * length.
	 */
	static final int MAX_NAME_LENGTH = 200;

	private final UserIdRule subjects;

	Claims(UserIdRule subjects) {
		this.subjects = subjects;
	}

	static CurrentUser toUser(Jwt jwt) {
		Number fanLevel = jwt.getClaim("fan_level");
		return new CurrentUser(jwt.getSubject(), displayName(jwt.getClaimAsString("name")),
				fanLevel == null ? 0 : fanLevel.intValue(),
				AgeBand.fromClaim(jwt.getClaimAsString("age_band")).orElse(null), roles(jwt));
	}

	/**
	 * The {@code name} claim as kept: control characters (NUL among them, which
	 * PostgreSQL refuses) removed, and cut to {@link #MAX_NAME_LENGTH} code points; a
	 * name is shown, never an identity.
	 */
	static @Nullable String displayName(@Nullable String name) {
		if (name == null) {
			return null;
		}
		String clean = name.codePoints()
			.filter(cp -> !Character.isISOControl(cp))
			.limit(MAX_NAME_LENGTH)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return clean.isBlank() ? null : clean;
	}

	static Set<String> roles(Jwt jwt) {
		Object roles = jwt.getClaims().get("roles");
		Set<String> result = new HashSet<>();
		if (roles instanceof Collection<?> list) {
			list.forEach(role -> result.add(String.valueOf(role)));
		}
		return result;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		String sub = jwt.getSubject();
		if (!subjects.matches(sub)) {
			return failure("sub must be a user id of at most " + MAX_SUBJECT_LENGTH + " characters");
		}
		if (jwt.getExpiresAt() == null) {
			return failure("exp is required");
		}
		Object fanLevel = jwt.getClaims().get("fan_level");
		if (fanLevel != null && !(fanLevel instanceof Number)) {
			return failure("fan_level must be an integer");
		}
		String ageBand = jwt.getClaimAsString("age_band");
		if (ageBand != null && AgeBand.fromClaim(ageBand).isEmpty()) {
			return failure("age_band must be one of 13-15, 16-17, 18+");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
	}

}
