package dev.groupchat.messaging;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.groups.GroupKind;
import dev.groupchat.groups.Sequencer;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending messages, over REST and STOMP alike: the message's shape, the sender's right to
 * post and the {@link SendGuard}s (rate limits, keyword filters: all answered from
 * memory), in that order (see {@link SendChecks}), are checked on the caller's thread,
 * then the {@link MessageWriter} stores it with the group locked, checks the group's
 * rules, assigns the seq and commits in a batch with others. A repeated clientMsgId
 * answers the original. {@link MessagePosted} is published after commit, in seq order.
 */
@Service
public class Messaging {

	private final Sequencer sequencer;

	private final GroupAccess access;

	private final MessageStore store;

	private final MessageWriter writer;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final SendChecks checks;

	private final MessagingMetrics metrics;

	Messaging(Sequencer sequencer, GroupAccess access, MessageStore store, MessageWriter writer,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager, Clock clock,
			SendChecks checks, MessagingMetrics metrics) {
		this.checks = checks;
		this.metrics = metrics;
		this.sequencer = sequencer;
		this.access = access;
		this.store = store;
		this.writer = writer;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Stores and announces a message; a repeated clientMsgId answers the original
	 * ({@code created} false).
	 */
	public Posted post(CurrentUser sender, UUID groupId, PostMessage message) {
		message.validateShape(clock.instant());
		GroupAccess.Standing standing;
		try {
			standing = checks.requirePoster(sender.id(), groupId, false);
		}
		catch (DomainException refused) {
			// a retry of a message stored before the refusal (a mute, a kick) still
			// learns it was stored
			return store.findByClientMsgId(groupId, sender.id(), message.clientMsgId())
				.map(original -> new Posted(original, false))
				.orElseThrow(() -> refused);
		}
		checks.guard(new SendGuard.Attempt(sender.id(), groupId, message.type(), message.filteredText(),
				message.mentions(), standing.probationUntil()));
		return writer.post(sender.id(), groupId, message);
	}

	/**
	 * For shutdown: refuses new messages from now on (503, "retry") and waits, at most
	 * {@code timeout}, until those already queued are stored and answered. Answers
	 * whether all were.
	 */
	public boolean drain(Duration timeout) {
		return writer.drain(timeout);
	}

	/**
	 * Writes a SYSTEM message in the caller's transaction (joins, leaves, renames, pins),
	 * so the change and its message commit together. Public for the modules whose changes
	 * the group is told of this way (pins).
	 */
	public void postSystem(UUID groupId, String aboutUserId, SystemEvent system) {
		PostMessage message = new PostMessage("system-" + UUID.randomUUID(), MessageType.SYSTEM, null, null, null, null,
				null);
		transactions.executeWithoutResult(tx -> {
			long seq = sequencer.nextSystem(groupId);
			store
				.insertAll(List.of(new MessageStore.NewMessage(Ids.next(), groupId, seq, aboutUserId, message, system)),
						clock.instant())
				.forEach(stored -> events.publishEvent(new MessagePosted(stored)));
		});
		metrics.stored(MessageType.SYSTEM);
	}

	boolean isChat(UUID groupId) {
		return access.kind(groupId).map(kind -> kind == GroupKind.CHAT).orElse(false);
	}

	/** Result of {@link #post}: the message, and whether this call stored it. */
	public record Posted(MessageView message, boolean created) {
	}

}
