package dev.groupchat.groups;

import java.time.Instant;
import java.util.UUID;

/** An invite as its creator sees it; {@code maxUses} and {@code expiresAt} null mean no limit. */
public record InviteView(String code, UUID groupId, Instant expiresAt, Integer maxUses, int uses) {
}
