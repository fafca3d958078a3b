package dev.groupchat.groups;

import java.time.Instant;

/** A join request as moderators see it. */
record JoinRequestView(String userId, String name, String status, Instant requestedAt) {
}
