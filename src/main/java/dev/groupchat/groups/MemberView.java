package dev.groupchat.groups;

import java.time.Instant;

/** A member as clients see it (contract: Members). */
public record MemberView(String userId, String name, Role role, Instant joinedAt, Instant mutedUntil) {
}
