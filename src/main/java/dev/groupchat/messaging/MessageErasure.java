package dev.groupchat.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasing messages in bulk: a deleted account's messages and reactions, and messages past
 * their group's retention period. Messages become tombstones, as a recall leaves them, so
 * seq stays contiguous for clients.
 *
 * <p>
 * Deliberately not one transaction per call: each batch of {@code batchSize} rows commits
 * on its own, so no call holds thousands of row locks for long, and its events go out as
 * it commits. A call cut short leaves finished batches done; calling again completes the
 * rest.
 */
@Service
public class MessageErasure {

	private final BulkMessageStore store;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	MessageErasure(BulkMessageStore store, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.store = store;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Recalls every message of the sender, oldest first, with a {@link MessageRecalled}
	 * for each; answers how many. Batches follow {@code created_at}, so none scans the
	 * tombstones of the last.
	 */
	public int recallAllOf(String senderId, int batchSize) {
		int total = 0;
		Instant from = Instant.EPOCH;
		List<MessageView> batch;
		do {
			Instant since = from;
			batch = inTransaction(() -> recallBatch(senderId, since, batchSize));
			total += batch.size();
			from = batch.stream().map(MessageView::createdAt).max(Comparator.naturalOrder()).orElse(from);
		}
		while (batch.size() == batchSize);
		return total;
	}

	/**
	 * Withdraws every reaction the user gave, with a {@link ReactionChanged} for each;
	 * answers how many.
	 */
	public int withdrawAllReactionsOf(String userId, int batchSize) {
		int total = 0;
		int done;
		do {
			done = inTransaction(() -> withdrawReactionBatch(userId, batchSize));
			total += done;
		}
		while (done == batchSize);
		return total;
	}

	/**
	 * Turns the group's messages created before {@code cutoff} into tombstones, with one
	 * {@link MessagesExpired} per batch; answers how many. Messages locked by a
	 * concurrent change are left for the next call.
	 */
	public int expire(UUID groupId, Instant cutoff, int batchSize) {
		int total = 0;
		List<MessageView> batch;
		do {
			batch = inTransaction(() -> expireBatch(groupId, cutoff, batchSize));
			total += batch.size();
		}
		while (batch.size() == batchSize);
		return total;
	}

	private List<MessageView> recallBatch(String senderId, Instant from, int limit) {
		List<MessageView> recalled = store.recallOfSender(senderId, from, limit, clock.instant());
		recalled.forEach(message -> events.publishEvent(new MessageRecalled(message, senderId)));
		return recalled;
	}

	private List<MessageView> expireBatch(UUID groupId, Instant cutoff, int limit) {
		List<MessageView> expired = store.expire(groupId, cutoff, limit, clock.instant());
		if (!expired.isEmpty()) {
			events.publishEvent(
					new MessagesExpired(groupId, expired.stream().map(MessageView::seq).sorted().toList(), cutoff));
		}
		return expired;
	}

	private int withdrawReactionBatch(String userId, int limit) {
		List<BulkMessageStore.Withdrawn> removed = store.deleteReactionsOf(userId, limit);
		if (removed.isEmpty()) {
			return 0;
		}
		Map<String, MessageView> recounted = store
			.recountReactions(removed.stream().map(w -> w.reaction().groupId()).toList(),
					removed.stream().map(w -> w.reaction().seq()).toList())
			.stream()
			.collect(Collectors.toMap(m -> key(m.groupId(), m.seq()), Function.identity()));
		for (BulkMessageStore.Withdrawn withdrawn : removed) {
			OwnReaction reaction = withdrawn.reaction();
			MessageView message = Objects.requireNonNull(recounted.get(key(reaction.groupId(), reaction.seq())));
			events.publishEvent(new ReactionChanged(reaction.groupId(), reaction.seq(), reaction.emoji(),
					message.reactions().getOrDefault(reaction.emoji(), 0), userId, false, withdrawn.shadow(),
					message.shadowReactions().getOrDefault(reaction.emoji(), 0), List.of()));
		}
		return removed.size();
	}

	private <T> T inTransaction(Supplier<T> work) {
		return transactions.execute(tx -> work.get());
	}

	private static String key(UUID groupId, long seq) {
		return groupId + "/" + seq;
	}

}
