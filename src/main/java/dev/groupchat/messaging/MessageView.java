package dev.groupchat.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A message as clients see it (contract: Messages). Recalled messages keep only their
 * envelope. {@code system} is set on SYSTEM messages (older ones have only {@code text}),
 * {@code poll} on POLL messages. {@code shadow} (never serialized: its sender must not
 * learn of it) marks a message stored while its sender was shadow-muted: only they and
 * the group's OWNER and ADMINs see it ({@link ShownMessage#forViewer}).
 */
public record MessageView(UUID id, UUID groupId, long seq, String senderId, String clientMsgId, MessageType type,
		String text, Video video, String mediaUrl, Long replyToSeq, List<String> mentions,
		Map<String, Integer> reactions, Instant createdAt, Instant editedAt, boolean deleted, SystemEvent system,
		PollView poll, @JsonIgnore boolean shadow) implements ShownMessage {

	/** The message with its poll as the given reader sees it (their own votes). */
	MessageView withMyVotes(List<Integer> votes) {
		return poll == null ? this
				: new MessageView(id, groupId, seq, senderId, clientMsgId, type, text, video, mediaUrl, replyToSeq,
						mentions, reactions, createdAt, editedAt, deleted, system, poll.withMyVotes(votes), shadow);
	}

}
