package dev.groupchat.groups;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An invite as OWNER, ADMIN and its creator see it; {@code maxUses} and {@code expiresAt}
 * null mean no limit. {@code valid} tells whether joining with it would work now: not
 * revoked (by a moderator, its creator, or because the creator lost the right to invite),
 * not expired, not used up. {@code members}: how many of those who joined with it (at
 * once or through an approved join request) are members now. {@code paused}: raid defence
 * stopped joins through it at {@code pausedAt} (null when not paused) until an OWNER or
 * ADMIN resumes it; a paused invite is not {@code valid}.
 */
record InviteView(String code, UUID groupId, String createdBy, Instant createdAt, @Nullable Instant expiresAt,
		@Nullable Integer maxUses, int uses, boolean valid, long members, boolean paused, @Nullable Instant pausedAt) {
}
