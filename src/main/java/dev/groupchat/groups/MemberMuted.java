package dev.groupchat.groups;

import java.time.Instant;
import java.util.UUID;

/** A member was muted until a time, or unmuted ({@code mutedUntil} null). */
public record MemberMuted(UUID groupId, MemberView member, Instant mutedUntil, String by) {
}
