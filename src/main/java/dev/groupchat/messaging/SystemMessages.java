package dev.groupchat.messaging;

import dev.groupchat.groups.GroupUpdated;
import dev.groupchat.groups.MemberJoined;
import dev.groupchat.groups.MemberLeft;
import dev.groupchat.groups.Role;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the SYSTEM messages that tell a group what happened to it: joins and leaves in
 * CHAT groups (in fan groups of thousands they would drown the conversation; the live
 * member events still tell), and renames in every group, as structured
 * {@link SystemEvent}s without prose. A group whose member list is hidden gets no join or
 * leave messages: the history would list its members. Runs inside the transaction of the
 * change itself.
 */
@Component
class SystemMessages {

	private final Messaging messaging;

	SystemMessages(Messaging messaging) {
		this.messaging = messaging;
	}

	@EventListener
	void on(MemberJoined event) {
		if (event.member().role() == Role.OWNER || event.membersHidden() || !messaging.isChat(event.groupId())) {
			return;
		}
		String who = event.member().userId();
		SystemEvent system = who.equals(event.by()) ? new SystemEvent("member.joined", who, List.of(), null)
				: new SystemEvent("member.added", event.by(), List.of(who), null);
		messaging.postSystem(event.groupId(), who, system);
	}

	@EventListener
	void on(MemberLeft event) {
		if (event.membersHidden() || !messaging.isChat(event.groupId())) {
			return;
		}
		List<String> target = List.of(event.userId());
		SystemEvent system = switch (event.reason()) {
			case LEFT -> new SystemEvent("member.left", event.userId(), List.of(), null);
			case KICKED -> new SystemEvent("member.removed", event.by(), target, null);
			case BANNED -> new SystemEvent("member.removed", null, target, null);
		};
		messaging.postSystem(event.groupId(), event.userId(), system);
	}

	@EventListener
	void on(GroupUpdated event) {
		if (!event.group().name().equals(event.previousName())) {
			messaging.postSystem(event.groupId(), event.by(),
					new SystemEvent("group.renamed", event.by(), List.of(), event.group().name()));
		}
	}

}
