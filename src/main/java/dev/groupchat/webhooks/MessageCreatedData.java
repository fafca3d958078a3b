package dev.groupchat.webhooks;

import dev.groupchat.messaging.MessageView;
import dev.groupchat.realtime.EventBodies;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code data} of a message.created delivery: the STOMP event, and for a shadow-muted
 * member's message {@code message.shadow: true}. The app's backend sees every message of
 * its groups, as the group's moderators do; the flag tells it which ones only their
 * sender and the moderators see, so that it does not show them to anyone else.
 */
@Component
class MessageCreatedData {

	private final EventBodies bodies;

	private final JsonMapper json;

	MessageCreatedData(EventBodies bodies, JsonMapper json) {
		this.bodies = bodies;
		this.json = json;
	}

	String of(MessageView message) {
		String data = bodies.messageCreated(message);
		if (!message.shadow()) {
			return data;
		}
		ObjectNode event = (ObjectNode) json.readTree(data);
		((ObjectNode) event.get("message")).put("shadow", true);
		return json.writeValueAsString(event);
	}

}
