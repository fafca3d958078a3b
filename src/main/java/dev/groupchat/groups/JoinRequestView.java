package dev.groupchat.groups;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A join request as moderators see it. */
record JoinRequestView(String userId, @Nullable String name, String status, Instant requestedAt) {
}
