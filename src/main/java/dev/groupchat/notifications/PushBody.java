package dev.groupchat.notifications;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Matrix push gateway body of one delivery: {@code room_id} is the group id,
 * {@code pushkey} the device token, {@code counts.unread} the group's unread count for
 * the user, and {@code devices[0].data.collapse_key} one key per group, so that a busy
 * group replaces its own notification instead of stacking them.
 */
final class PushBody {

	private PushBody() {
	}

	static Map<String, Object> of(PushSender.Due due, PushProperties properties) {
		Map<String, Object> notification = new LinkedHashMap<>();
		notification.put("event_id", due.messageId().toString());
		notification.put("room_id", due.groupId().toString());
		notification.put("type", "m.room.message");
		notification.put("sender", due.senderId());
		notification.put("sender_display_name", due.senderName() != null ? due.senderName() : due.senderId());
		notification.put("room_name", due.groupName());
		notification.put("prio", "high");
		notification.put("content", Map.of("msgtype", "m.text", "body", preview(due, properties.previewLength())));
		notification.put("counts", Map.of("unread", due.unread()));
		Map<String, Object> device = new LinkedHashMap<>();
		device.put("app_id", properties.appId());
		device.put("pushkey", due.token());
		device.put("pushkey_ts", due.tokenAt().getEpochSecond());
		device.put("data", Map.of("collapse_key", "group-" + due.groupId()));
		device.put("tweaks", Map.of());
		notification.put("devices", List.of(device));
		return Map.of("notification", notification);
	}

	/**
	 * The text cut to {@code max} code points (with an ellipsis), or the kind of a
	 * message without text.
	 */
	static String preview(PushSender.Due due, int max) {
		String text = due.text();
		if (text == null || text.isBlank()) {
			return "[" + due.type().toLowerCase(Locale.ROOT) + "]";
		}
		if (text.codePointCount(0, text.length()) <= max) {
			return text;
		}
		return text.substring(0, text.offsetByCodePoints(0, max)) + "…";
	}

}
