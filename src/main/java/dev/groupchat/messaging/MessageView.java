package dev.groupchat.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message as clients see it (contract: Messages). Recalled messages keep only their
 * envelope. {@code system} is set on SYSTEM messages (older ones have only {@code text}),
 * {@code poll} on POLL messages. {@code shadow} (never serialized: its sender must not
 * learn of it) marks a message stored while its sender was shadow-muted: only they and
 * the group's OWNER and ADMINs see it ({@link ShownMessage#forViewer}). {@code reactions}
 * are the public counts; {@code shadowReactions} (never serialized) count the reactions
 * of shadow-muted members apart, for the moderators and the reactors themselves
 * (docs/adr/hidden-messages-are-placeholders.md).
 */
public record MessageView(UUID id, UUID groupId, long seq, String senderId, String clientMsgId, MessageType type,
		@Nullable String text, @Nullable Video video, @Nullable String mediaUrl, @Nullable Long replyToSeq,
		List<String> mentions, Map<String, Integer> reactions, Instant createdAt, @Nullable Instant editedAt,
		boolean deleted, @Nullable SystemEvent system, @Nullable PollView poll, @JsonIgnore boolean shadow,
		@JsonIgnore Map<String, Integer> shadowReactions) implements ShownMessage {

	/** The message with its poll as the given reader sees it (their own votes). */
	MessageView withMyVotes(List<Integer> votes) {
		return poll == null ? this : with(reactions, poll.withMyVotes(votes));
	}

	/** As the group's OWNER and ADMINs see it: counting every reaction. */
	MessageView withAllReactions() {
		return shadowReactions.isEmpty() ? this : with(merged(reactions, shadowReactions), poll);
	}

	/** As a reader whose own shadow reactions are {@code own} sees it. */
	MessageView withOwnShadowReactions(List<String> own) {
		return own.isEmpty() ? this : with(withOwn(reactions, own), poll);
	}

	private MessageView with(Map<String, Integer> shownReactions, @Nullable PollView shownPoll) {
		return new MessageView(id, groupId, seq, senderId, clientMsgId, type, text, video, mediaUrl, replyToSeq,
				mentions, shownReactions, createdAt, editedAt, deleted, system, shownPoll, shadow, shadowReactions);
	}

	static Map<String, Integer> merged(Map<String, Integer> counts, Map<String, Integer> more) {
		if (more.isEmpty()) {
			return counts;
		}
		Map<String, Integer> all = new HashMap<>(counts);
		more.forEach((emoji, n) -> all.merge(emoji, n, Integer::sum));
		return Map.copyOf(all);
	}

	static Map<String, Integer> withOwn(Map<String, Integer> counts, List<String> own) {
		if (own.isEmpty()) {
			return counts;
		}
		Map<String, Integer> mine = new HashMap<>(counts);
		own.forEach(emoji -> mine.merge(emoji, 1, Integer::sum));
		return Map.copyOf(mine);
	}

}
