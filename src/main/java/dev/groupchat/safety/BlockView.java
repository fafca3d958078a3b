package dev.groupchat.safety;

import java.time.Instant;

/** A block as its owner lists it. */
public record BlockView(String userId, Instant blockedAt) {
}
