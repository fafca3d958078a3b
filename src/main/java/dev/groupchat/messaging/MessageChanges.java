package dev.groupchat.messaging;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.id.uuid.UuidVersion7Strategy;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Edits, recalls, reactions and reports of stored messages. */
@Service
public class MessageChanges {

	private final GroupAccess access;

	private final MessageStore store;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	MessageChanges(GroupAccess access, MessageStore store, JdbcClient jdbc, ApplicationEventPublisher events,
			Clock clock) {
		this.access = access;
		this.store = store;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** The sender edits the text of their message. */
	@Transactional
	public MessageView edit(CurrentUser user, UUID groupId, long seq, String text) {
		member(groupId, user.id());
		MessageView message = message(groupId, seq);
		if (!message.senderId().equals(user.id()) || message.type() == MessageType.SYSTEM) {
			throw DomainException.forbidden("only the sender may edit a message");
		}
		if (message.deleted()) {
			throw DomainException.conflict("a recalled message cannot be edited");
		}
		MessageView edited = store.edit(groupId, seq, text, clock.instant()).orElseThrow();
		events.publishEvent(new MessageEdited(edited));
		return edited;
	}

	/** The sender, an OWNER or an ADMIN recalls a message; recalling twice is harmless. */
	@Transactional
	public MessageView recall(CurrentUser user, UUID groupId, long seq) {
		GroupAccess.Standing standing = member(groupId, user.id());
		MessageView message = message(groupId, seq);
		if (!message.senderId().equals(user.id()) && !standing.role().isModerator()) {
			throw DomainException.forbidden("only the sender, the owner or an admin may recall a message");
		}
		if (message.deleted()) {
			return message;
		}
		MessageView recalled = store.recall(groupId, seq, clock.instant()).orElseThrow();
		events.publishEvent(new MessageRecalled(recalled, user.id()));
		return recalled;
	}

	/** A member adds or removes their reaction; one per user per emoji. */
	@Transactional
	public Map<String, Integer> react(CurrentUser user, UUID groupId, long seq, String emoji, boolean add) {
		GroupAccess.Standing standing = member(groupId, user.id());
		Instant now = clock.instant();
		if (standing.mutedUntil() != null && standing.mutedUntil().isAfter(now)) {
			throw MessagingProblems.notAllowedToPost("you are muted in this group until " + standing.mutedUntil());
		}
		if (message(groupId, seq).deleted()) {
			throw DomainException.conflict("a recalled message cannot get reactions");
		}
		Map<String, Integer> counts = store.react(groupId, seq, user.id(), emoji, add, now);
		events.publishEvent(new ReactionChanged(groupId, seq, counts, user.id(), emoji, add));
		return counts;
	}

	/** A member reports a message to the group's moderators; one report per member per message. */
	@Transactional
	public UUID report(CurrentUser user, UUID groupId, long seq, String reason) {
		member(groupId, user.id());
		message(groupId, seq);
		UUID id = UuidVersion7Strategy.INSTANCE.generateUuid(null);
		int inserted = jdbc.sql("""
				insert into message_report (id, group_id, seq, reporter_id, reason, created_at)
				values (:id, :groupId, :seq, :reporterId, :reason, now()) on conflict do nothing""")
			.param("id", id)
			.param("groupId", groupId)
			.param("seq", seq)
			.param("reporterId", user.id())
			.param("reason", reason)
			.update();
		if (inserted == 0) {
			return jdbc.sql("select id from message_report where group_id = :g and seq = :s and reporter_id = :r")
				.param("g", groupId).param("s", seq).param("r", user.id()).query(UUID.class).single();
		}
		events.publishEvent(new MessageReported(id, groupId, seq, user.id(), reason));
		return id;
	}

	private GroupAccess.Standing member(UUID groupId, String userId) {
		GroupAccess.Standing standing = access.standing(groupId, userId);
		if (!standing.isMember()) {
			throw standing.mayRead() ? DomainException.forbidden("only members of this group may do this")
					: DomainException.notFound("group", groupId);
		}
		return standing;
	}

	private MessageView message(UUID groupId, long seq) {
		return store.find(groupId, seq).orElseThrow(() -> MessagingProblems.messageNotFound(seq));
	}

}
