package dev.groupchat.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Messages of a group reached the end of its retention period and became tombstones, as a
 * recall would leave them: one event per batch rather than one {@link MessageRecalled}
 * per message, since a batch may hold thousands. Clients that page the history see the
 * tombstones.
 *
 * @param seqs the expired messages' seqs, ascending
 * @param cutoff messages created before this instant expired
 */
public record MessagesExpired(UUID groupId, List<Long> seqs, Instant cutoff) {
}
