package dev.groupchat.groups;

import java.time.Instant;
import java.util.UUID;

/** One of a user's memberships, as their data export lists it. */
public record UserMembership(UUID groupId, String groupName, Role role, Instant joinedAt, Instant mutedUntil,
		long lastReadSeq) {
}
