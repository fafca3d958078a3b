package dev.groupchat.messaging;

import dev.groupchat.groups.GroupUpdated;
import dev.groupchat.groups.MemberJoined;
import dev.groupchat.groups.MemberLeft;
import dev.groupchat.groups.Role;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the SYSTEM messages that tell a group what happened to it: joins and leaves in CHAT groups
 * (in fan groups of thousands they would drown the conversation; the live member events still
 * tell), and renames in every group. Runs inside the transaction of the change itself.
 */
@Component
class SystemMessages {

	private final Messaging messaging;

	SystemMessages(Messaging messaging) {
		this.messaging = messaging;
	}

	@EventListener
	void on(MemberJoined event) {
		if (event.member().role() == Role.OWNER || !messaging.isChat(event.groupId())) {
			return;
		}
		String who = event.member().userId();
		String text = who.equals(event.by()) ? who + " joined" : event.by() + " added " + who;
		messaging.postSystem(event.groupId(), who, text);
	}

	@EventListener
	void on(MemberLeft event) {
		if (!messaging.isChat(event.groupId())) {
			return;
		}
		String text = switch (event.reason()) {
			case LEFT -> event.userId() + " left";
			case KICKED -> event.by() + " removed " + event.userId();
			case BANNED -> event.userId() + " was removed";
		};
		messaging.postSystem(event.groupId(), event.userId(), text);
	}

	@EventListener
	void on(GroupUpdated event) {
		if (!event.group().name().equals(event.previousName())) {
			messaging.postSystem(event.groupId(), event.by(), event.by() + " renamed the group to " + event.group().name());
		}
	}

}
