package dev.groupchat.realtime;

import dev.groupchat.messaging.MessageView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shapes event bodies: {@code {"type": …, "groupId": …, …}}. Each event is serialized
 * once.
 */
@Component
class EventJson {

	private final JsonMapper json;

	EventJson(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The {@code message.created} event of a message the receiver may not see: the same
	 * placeholder as history shows ({@code HiddenMessage}), so the seq is not missing.
	 * Built by hand: it holds only a UUID and a number.
	 */
	static String hiddenMessage(UUID groupId, long seq, boolean blocked) {
		String message = "{\"groupId\":\"" + groupId + "\",\"seq\":" + seq + ",\"hidden\":true"
				+ (blocked ? ",\"blocked\":true}" : "}");
		return "{\"type\":\"message.created\",\"groupId\":\"" + groupId + "\",\"seq\":" + seq + ",\"message\":"
				+ message + "}";
	}

	String message(String type, MessageView message) {
		return event(type, message.groupId(), "seq", message.seq(), "message", message);
	}

	String event(String type, UUID groupId, @Nullable Object... fields) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		body.put("groupId", groupId);
		for (int i = 0; i + 1 < fields.length; i += 2) {
			body.put((String) fields[i], fields[i + 1]);
		}
		return json.writeValueAsString(body);
	}

	<T> T read(byte[] body, Class<T> type) {
		return json.readValue(body, type);
	}

	String write(Object value) {
		return json.writeValueAsString(value);
	}

}
