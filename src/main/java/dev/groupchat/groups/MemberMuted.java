package dev.groupchat.groups;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A member was muted until a time, or unmuted ({@code mutedUntil} null).
 * {@code membersHidden}: as for {@link MemberJoined}.
 */
public record MemberMuted(UUID groupId, MemberView member, @Nullable Instant mutedUntil, String by,
		boolean membersHidden) {
}
