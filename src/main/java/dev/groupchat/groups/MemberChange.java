package dev.groupchat.groups;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A change to a member. {@code role} null leaves the role; {@code mutedUntil} absent
 * (null) leaves the mute, present and empty ({@code "mutedUntil": null}) lifts it. Role
 * OWNER hands ownership over. {@code shadowMuted} null leaves the shadow mute.
 */
public record MemberChange(@Nullable Role role, @Nullable Optional<Instant> mutedUntil, @Nullable Boolean shadowMuted) {
}
