package dev.groupchat.pins;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A group's pins changed; published inside the transaction of the change (listeners that
 * push it to clients wait for the commit).
 *
 * @param groupId the group
 * @param seq the pinned message
 * @param change what happened
 * @param pin the pin now, or null once it is gone
 * @param by who changed it (for a recall, who recalled)
 * @param announcementSeq the group's announcement after the change, or null when it has
 * none
 */
public record PinChanged(UUID groupId, long seq, PinChange change, @Nullable PinView pin, @Nullable String by,
		@Nullable Long announcementSeq) {
}
