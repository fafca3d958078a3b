package dev.groupchat.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasing messages in bulk: a deleted account's messages and reactions, and messages past their
 * group's retention period. Each call handles one batch in one short transaction and answers how
 * many rows it changed; callers repeat while a full batch came back. Messages become tombstones, so
 * seq stays contiguous for clients.
 */
@Service
public class MessageErasure {

	private final BulkMessageStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	MessageErasure(BulkMessageStore store, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	/** Recalls up to {@code limit} of the sender's messages, with a {@link MessageRecalled} for each. */
	@Transactional
	public int recallBatchOf(String senderId, int limit) {
		List<MessageView> recalled = store.recallOfSender(senderId, limit, clock.instant());
		recalled.forEach(message -> events.publishEvent(new MessageRecalled(message, senderId)));
		return recalled.size();
	}

	/** Withdraws up to {@code limit} of the user's reactions, with a {@link ReactionChanged} for each. */
	@Transactional
	public int withdrawReactionBatchOf(String userId, int limit) {
		List<OwnReaction> removed = store.deleteReactionsOf(userId, limit);
		if (removed.isEmpty()) {
			return 0;
		}
		Map<String, MessageView> recounted = store
			.recountReactions(removed.stream().map(OwnReaction::groupId).toList(),
					removed.stream().map(OwnReaction::seq).toList())
			.stream()
			.collect(Collectors.toMap(m -> key(m.groupId(), m.seq()), Function.identity()));
		for (OwnReaction reaction : removed) {
			MessageView message = recounted.get(key(reaction.groupId(), reaction.seq()));
			events.publishEvent(new ReactionChanged(reaction.groupId(), reaction.seq(), message.reactions(), userId,
					reaction.emoji(), false));
		}
		return removed.size();
	}

	/**
	 * Turns up to {@code limit} of the group's messages created before {@code cutoff} into tombstones,
	 * with one {@link MessagesExpired} for the batch. Messages locked by a concurrent change wait for
	 * the next pass.
	 */
	@Transactional
	public int expireBatch(UUID groupId, Instant cutoff, int limit) {
		List<MessageView> expired = store.expire(groupId, cutoff, limit, clock.instant());
		if (!expired.isEmpty()) {
			events.publishEvent(new MessagesExpired(groupId,
					expired.stream().map(MessageView::seq).sorted().toList(), cutoff));
		}
		return expired.size();
	}

	private static String key(UUID groupId, long seq) {
		return groupId + "/" + seq;
	}

}
