package dev.groupchat.groups;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A member as clients see it (contract: Members). {@code shadowMuted} is shown to the
 * group's OWNER and ADMINs only (left out for everyone else, the member included: a
 * shadow mute is not to be noticed by its target).
 */
public record MemberView(String userId, String name, Role role, Instant joinedAt, Instant mutedUntil,
		@JsonInclude(JsonInclude.Include.NON_NULL) Boolean shadowMuted) {
}
