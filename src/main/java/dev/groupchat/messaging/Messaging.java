package dev.groupchat.messaging;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.groups.GroupKind;
import dev.groupchat.groups.PostPolicy;
import dev.groupchat.groups.PostingRights;
import dev.groupchat.groups.Sequencer;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.id.uuid.UuidVersion7Strategy;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending messages. A send is one short transaction: {@link Sequencer#next} gives the seq (and locks
 * the group's row until commit, which orders commits by seq), the rights read in that statement are
 * checked, and the row is inserted with {@code ON CONFLICT DO NOTHING} on (group, sender,
 * clientMsgId). A conflict means a retry or a racing copy: the transaction rolls back (returning the
 * seq) and the original message is answered instead. {@link MessagePosted} is published inside the
 * transaction and delivered to listeners after commit.
 */
@Service
public class Messaging {

	/** The mention that notifies everyone; free for all in groups up to {@link #ALL_FREE_UP_TO} members. */
	public static final String ALL = "@all";

	static final int ALL_FREE_UP_TO = 50;

	private final Sequencer sequencer;

	private final GroupAccess access;

	private final MessageStore store;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final List<SendGuard> guards;

	Messaging(Sequencer sequencer, GroupAccess access, MessageStore store, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock, List<SendGuard> guards) {
		this.guards = List.copyOf(guards);
		this.sequencer = sequencer;
		this.access = access;
		this.store = store;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** Stores and announces a message; a repeated clientMsgId answers the original ({@code created} false). */
	public Posted post(CurrentUser sender, UUID groupId, PostMessage message) {
		message.validateShape();
		SendGuard.Attempt attempt = new SendGuard.Attempt(sender.id(), groupId, message.type(), message.text(),
				message.mentions());
		guards.forEach(guard -> guard.check(attempt));
		try {
			return new Posted(transactions.execute(tx -> store(sender.id(), groupId, message)), true);
		}
		catch (MessagingProblems.Duplicate duplicate) {
			return new Posted(store.findByClientMsgId(groupId, sender.id(), message.clientMsgId())
				.orElseThrow(() -> new IllegalStateException("duplicate vanished")), false);
		}
	}

	private MessageView store(String senderId, UUID groupId, PostMessage message) {
		Instant now = clock.instant();
		PostingRights rights = sequencer.next(groupId, senderId, now);
		checkMayPost(rights, now);
		checkMentionAll(rights, message);
		checkReferences(groupId, rights.seq(), message);
		MessageView stored = store.insert(UuidVersion7Strategy.INSTANCE.generateUuid(null), groupId, rights.seq(),
				senderId, message, now).orElseThrow(MessagingProblems.Duplicate::new);
		events.publishEvent(new MessagePosted(stored));
		return stored;
	}

	private static void checkMayPost(PostingRights rights, Instant now) {
		if (!rights.isMember()) {
			throw MessagingProblems.notAllowedToPost("only members of this group may post");
		}
		if (rights.isMutedAt(now)) {
			throw MessagingProblems.notAllowedToPost("you are muted in this group until " + rights.mutedUntil());
		}
		if (rights.postPolicy() == PostPolicy.ADMINS && !rights.role().isModerator()) {
			throw MessagingProblems.notAllowedToPost("only the owner and admins post in this group");
		}
		long wait = rights.slowModeWaitSeconds(now);
		if (wait > 0) {
			throw MessagingProblems.slowMode(rights.slowModeSeconds(), wait);
		}
	}

	private static void checkMentionAll(PostingRights rights, PostMessage message) {
		if (message.mentions().contains(ALL) && rights.memberCount() > ALL_FREE_UP_TO
				&& !rights.role().isModerator()) {
			throw MessagingProblems.notAllowedToPost(
					"only the owner and admins may mention @all in groups of more than " + ALL_FREE_UP_TO + " members");
		}
	}

	private void checkReferences(UUID groupId, long seq, PostMessage message) {
		// seqs are gapless and never deleted (recalls leave tombstones), so 1..seq-1 all exist
		if (message.replyToSeq() != null && message.replyToSeq() >= seq) {
			throw DomainException.invalid("replyToSeq must name an earlier message of this group");
		}
		if (!message.mentions().isEmpty()) {
			Set<String> unknown = new HashSet<>(message.mentions());
			unknown.remove(ALL);
			access.membersAmong(groupId, message.mentions()).forEach(unknown::remove);
			if (!unknown.isEmpty()) {
				throw DomainException.invalid("mentions must be members of the group; not members: " + unknown);
			}
		}
	}

	/**
	 * Writes a SYSTEM message in the caller's transaction (joins, leaves, renames), so the change and
	 * its message commit together.
	 */
	void postSystem(UUID groupId, String aboutUserId, String text) {
		PostMessage message = new PostMessage("system-" + UUID.randomUUID(), MessageType.SYSTEM, text, null, null, null,
				null);
		transactions.executeWithoutResult(tx -> {
			long seq = sequencer.nextSystem(groupId);
			store.insert(UuidVersion7Strategy.INSTANCE.generateUuid(null), groupId, seq, aboutUserId, message,
					clock.instant()).ifPresent(stored -> events.publishEvent(new MessagePosted(stored)));
		});
	}

	boolean isChat(UUID groupId) {
		return access.kind(groupId).map(kind -> kind == GroupKind.CHAT).orElse(false);
	}

	/** Result of {@link #post}: the message, and whether this call stored it. */
	public record Posted(MessageView message, boolean created) {
	}

}
