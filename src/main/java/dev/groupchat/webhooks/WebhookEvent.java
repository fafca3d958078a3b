package dev.groupchat.webhooks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The event types an endpoint may subscribe to. */
final class WebhookEvent {

	static final String MESSAGE_CREATED = "message.created";

	static final String MESSAGE_DELETED = "message.deleted";

	static final String MEMBER_JOINED = "member.joined";

	static final String MEMBER_LEFT = "member.left";

	static final String MEMBER_BANNED = "member.banned";

	static final String REPORT_CREATED = "report.created";

	static final List<String> KNOWN = List.of(MESSAGE_CREATED, MESSAGE_DELETED, MEMBER_JOINED, MEMBER_LEFT,
			MEMBER_BANNED, REPORT_CREATED);

	private WebhookEvent() {
	}

	/**
	 * The requested types, each once, in the order given; refuses an empty list and
	 * unknown types.
	 */
	static List<String> validate(List<String> events) {
		Set<String> chosen = new LinkedHashSet<>(events);
		if (chosen.isEmpty()) {
			throw WebhookProblems.noEvents();
		}
		for (String event : chosen) {
			if (!KNOWN.contains(event)) {
				throw WebhookProblems.unknownEvent(event);
			}
		}
		return List.copyOf(chosen);
	}

}
