package dev.groupchat.notifications;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The FCM HTTP v1 message of one delivery: the group's name as title, "sender: preview"
 * as body (the same preview as the gateway's), the ids and unread count as data strings,
 * and one collapse key / tag / thread per group, so that a busy group replaces its own
 * notification on Android and iOS alike with the badge at the group's unread count.
 */
final class FcmBody {

	private FcmBody() {
	}

	static Map<String, Object> of(PushSender.Due due, PushProperties properties) {
		String group = "group-" + due.groupId();
		String sender = due.senderName() != null ? due.senderName() : due.senderId();
		int badge = (int) Math.min(due.unread(), Integer.MAX_VALUE);
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("token", due.token());
		message.put("notification", Map.of("title", due.groupName(), "body",
				sender + ": " + PushBody.preview(due, properties.previewLength())));
		message.put("data", Map.of("groupId", due.groupId().toString(), "seq", Long.toString(due.seq()), "messageId",
				due.messageId().toString(), "unread", Long.toString(due.unread())));
		message.put("android",
				Map.of("collapse_key", group, "notification", Map.of("tag", group, "notification_count", badge)));
		message.put("apns", Map.of("headers", Map.of("apns-collapse-id", group), "payload",
				Map.of("aps", Map.of("badge", badge, "thread-id", group))));
		return Map.of("message", message);
	}

}
