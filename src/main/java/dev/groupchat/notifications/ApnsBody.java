package dev.groupchat.notifications;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The APNs payload of one delivery: an alert with the group's name as title and "sender:
 * preview" as body (the same preview as the other providers'), the badge at the group's
 * unread count, one thread per group, and the ids for the app.
 */
final class ApnsBody {

	private ApnsBody() {
	}

	static String collapseId(PushSender.Due due) {
		return "group-" + due.groupId();
	}

	static Map<String, Object> of(PushSender.Due due, PushProperties properties) {
		String sender = due.senderName() != null ? due.senderName() : due.senderId();
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("title", due.groupName());
		alert.put("body", sender + ": " + PushBody.preview(due, properties.previewLength()));
		Map<String, Object> aps = new LinkedHashMap<>();
		aps.put("alert", alert);
		aps.put("badge", Math.min(due.unread(), Integer.MAX_VALUE));
		aps.put("thread-id", collapseId(due));
		aps.put("sound", "default");
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("aps", aps);
		payload.put("groupId", due.groupId().toString());
		payload.put("seq", due.seq());
		payload.put("messageId", due.messageId().toString());
		return payload;
	}

}
