package dev.groupchat.groups;

import java.time.Instant;

/** A ban as moderators see it. */
public record BanView(String userId, String reason, String bannedBy, Instant bannedAt) {
}
