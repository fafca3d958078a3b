package dev.groupchat.messaging;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A poll's counts changed: published after the votes committed, at most once a second per
 * poll on each node however many vote (the event carries the counts at the time it is
 * sent, so none is lost), without {@code myVotes}.
 */
public record PollUpdated(UUID groupId, long seq, @Nullable PollView poll) {
}
