package dev.groupchat.identity;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller, as its token describes it. Resolved for controller parameters
 * of this type and for STOMP sessions; its profile row is kept current from these claims.
 *
 * @param id the {@code sub} claim, at most 64 characters
 * @param name the {@code name} claim, or null
 * @param fanLevel the {@code fan_level} claim, 0 when absent
 * @param ageBand the {@code age_band} claim, or null when absent
 * @param roles the {@code roles} claim
 */
public record CurrentUser(String id, @Nullable String name, int fanLevel, @Nullable AgeBand ageBand,
		Set<String> roles) {

	public CurrentUser {
		roles = Set.copyOf(roles);
	}

	public boolean isOperator() {
		return roles.contains("ops");
	}

}
