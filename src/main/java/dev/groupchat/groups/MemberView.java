package dev.groupchat.groups;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A member as clients see it (contract: Members). {@code shadowMuted} is shown to the
 * group's OWNER and ADMINs only (left out for everyone else, the member included: a
 * shadow mute is not to be noticed by its target). {@code probationUntil} is shown to the
 * OWNER and ADMINs and to the member themselves, and only while the probation lasts (left
 * out otherwise: other members do not learn who is new by themselves).
 */
public record MemberView(String userId, @Nullable String name, Role role, Instant joinedAt,
		@Nullable Instant mutedUntil, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean shadowMuted,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant probationUntil) {

	/** This view with the probation that ends at {@code until} (null: none). */
	MemberView withProbationUntil(@Nullable Instant until) {
		return new MemberView(userId, name, role, joinedAt, mutedUntil, shadowMuted, until);
	}

}
