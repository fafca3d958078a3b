package dev.groupchat.webhooks;

import dev.groupchat.groups.MemberBanned;
import dev.groupchat.groups.MemberJoined;
import dev.groupchat.groups.MemberLeft;
import dev.groupchat.messaging.MessageRecalled;
import dev.groupchat.messaging.MessageView;
import dev.groupchat.messaging.MessagesAwaitingWebhooks;
import dev.groupchat.moderation.ReportCreated;
import dev.groupchat.realtime.EventBodies;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Writes the outbox rows of events other than message.created, before their transaction
 * commits: the change and its deliveries commit or roll back together; and gives the
 * message.created rows the message insert wrote their JSON, in the same transaction. The
 * data is the STOMP event's JSON.
 */
@Component
class WebhookEvents {

	private final WebhookOutbox outbox;

	private final EventBodies bodies;

	private final MessageCreatedData messageCreated;

	private final Clock clock;

	WebhookEvents(WebhookOutbox outbox, EventBodies bodies, MessageCreatedData messageCreated, Clock clock) {
		this.outbox = outbox;
		this.bodies = bodies;
		this.messageCreated = messageCreated;
		this.clock = clock;
	}

	/**
	 * On the send path, inside its transaction: one UPDATE, and only for groups with such
	 * endpoints.
	 */
	@EventListener
	void on(MessagesAwaitingWebhooks event) {
		List<MessageView> messages = event.messages();
		outbox.fill(messages.stream().map(MessageView::groupId).toList(),
				messages.stream().map(MessageView::seq).toList(), messages.stream().map(messageCreated::of).toList());
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(MessageRecalled event) {
		outbox.record(event.message().groupId(), WebhookEvent.MESSAGE_DELETED, event.message().seq(),
				bodies.messageDeleted(event.message()), clock.instant());
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(MemberJoined event) {
		outbox.record(event.groupId(), WebhookEvent.MEMBER_JOINED, null, bodies.memberJoined(event), clock.instant());
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(MemberLeft event) {
		outbox.record(event.groupId(), WebhookEvent.MEMBER_LEFT, null, bodies.memberLeft(event), clock.instant());
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(MemberBanned event) {
		outbox.record(event.groupId(), WebhookEvent.MEMBER_BANNED, null, bodies.memberBanned(event), clock.instant());
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(ReportCreated event) {
		outbox.record(event.report().groupId(), WebhookEvent.REPORT_CREATED, event.report().seq(),
				bodies.reportCreated(event), clock.instant());
	}

}
