package dev.groupchat.messaging;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Edits, recalls, reactions and reports of stored messages. */
@Service
public class MessageChanges {

	private final GroupAccess access;

	private final MessageStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SendChecks checks;

	MessageChanges(GroupAccess access, MessageStore store, ApplicationEventPublisher events, Clock clock,
			SendChecks checks) {
		this.checks = checks;
		this.access = access;
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The sender edits the text of their message. The new text passes the checks of a new
	 * message (posting rights, rate limits, keyword filter); slow mode is for new
	 * messages only.
	 */
	@Transactional
	public MessageView edit(CurrentUser user, UUID groupId, long seq, String text) {
		GroupAccess.Standing standing = checks.requirePoster(user.id(), groupId, true);
		MessageView message = message(groupId, seq);
		if (!message.senderId().equals(user.id()) || message.type() == MessageType.SYSTEM) {
			throw DomainException.forbidden("only the sender may edit a message");
		}
		if (message.deleted()) {
			throw DomainException.conflict("a recalled message cannot be edited");
		}
		if (message.type() == MessageType.POLL) {
			throw DomainException.conflict("a poll cannot be edited");
		}
		checks.guard(new SendGuard.Attempt(user.id(), groupId, message.type(), text, message.mentions(),
				standing.probationUntil()));
		MessageView edited = store.edit(groupId, seq, text, clock.instant()).orElseThrow();
		events.publishEvent(new MessageEdited(edited));
		return edited;
	}

	/**
	 * The sender, an OWNER or an ADMIN recalls a message; recalling twice is harmless.
	 */
	@Transactional
	public MessageView recall(CurrentUser user, UUID groupId, long seq) {
		GroupAccess.Standing standing = member(groupId, user.id());
		MessageView message = message(groupId, seq);
		boolean ownMessage = message.senderId().equals(user.id()) && message.type() != MessageType.SYSTEM;
		if (!ownMessage && !standing.isModerator()) {
			throw DomainException.forbidden("only the sender, the owner or an admin may recall a message");
		}
		if (message.deleted()) {
			return message;
		}
		MessageView recalled = store.recall(groupId, seq, clock.instant()).orElseThrow();
		events.publishEvent(new MessageRecalled(recalled, user.id()));
		return recalled;
	}

	/**
	 * A member adds or removes their reaction; one per user per emoji, at most
	 * {@value MessageStore#MAX_DISTINCT_REACTIONS} different emoji per message. A
	 * shadow-muted member's reaction is a shadow one: left out of the public counts. The
	 * answer is the counts as the reactor sees them (a moderator: all reactions; anyone
	 * else: the public ones and their own).
	 */
	@Transactional
	public Map<String, Integer> react(CurrentUser user, UUID groupId, long seq, String emoji, boolean add) {
		GroupAccess.Standing standing = member(groupId, user.id());
		Instant now = clock.instant();
		if (standing.mutedUntil() != null && standing.mutedUntil().isAfter(now)) {
			throw MessagingProblems.muted("you are muted in this group until " + standing.mutedUntil());
		}
		if (message(groupId, seq).deleted()) {
			throw DomainException.conflict("a recalled message cannot get reactions");
		}
		boolean moderator = standing.isModerator();
		boolean shadow = standing.shadowMuted() && !moderator;
		ReactionCounts counts = store.react(groupId, seq, user.id(), emoji, add, shadow, now);
		events.publishEvent(new ReactionChanged(groupId, seq, emoji, counts.counts().getOrDefault(emoji, 0), user.id(),
				add, shadow, counts.shadow().getOrDefault(emoji, 0), counts.shadowReactors()));
		return moderator ? counts.full() : counts.asReactorSees();
	}

	private GroupAccess.Standing member(UUID groupId, String userId) {
		return access.cachedStanding(groupId, userId).requireMember(groupId);
	}

	private MessageView message(UUID groupId, long seq) {
		return store.find(groupId, seq).orElseThrow(() -> MessagingProblems.messageNotFound(seq));
	}

}
