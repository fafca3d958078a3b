package dev.groupchat.groups;

import java.util.UUID;

/**
 * A member was shadow-muted ({@code shadowMuted} true) or the shadow mute was lifted. Not
 * a live event: the member must not learn of it; the audit log records it.
 */
public record MemberShadowMuted(UUID groupId, String userId, boolean shadowMuted, String by) {
}
