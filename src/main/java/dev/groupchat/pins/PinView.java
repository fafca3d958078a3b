package dev.groupchat.pins;

import dev.groupchat.messaging.MessageView;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A pin as clients see it: which message, who pinned it and when, until when it stays
 * ({@code null}: until unpinned), whether it is the group's announcement, and the message
 * itself.
 */
public record PinView(long seq, String pinnedBy, Instant pinnedAt, @Nullable Instant until, boolean announcement,
		MessageView message) {
}
