package dev.groupchat.realtime;

import dev.groupchat.groups.MemberBanned;
import dev.groupchat.groups.MemberJoined;
import dev.groupchat.groups.MemberLeft;
import dev.groupchat.messaging.MessageView;
import dev.groupchat.moderation.ReportCreated;
import org.springframework.stereotype.Component;

/**
 * The JSON of live events, as STOMP clients receive them. Public so that other ways out
 * of the service (webhooks) send exactly the same body for the same event instead of a
 * second shape.
 */
@Component
public class EventBodies {

	private final EventJson json;

	EventBodies(EventJson json) {
		this.json = json;
	}

	/** {@code {"type": "message.created", "groupId", "seq", "message"}}. */
	public String messageCreated(MessageView message) {
		return json.message("message.created", message);
	}

	/**
	 * {@code {"type": "message.deleted", "groupId", "seq", "message"}} with the
	 * tombstone.
	 */
	public String messageDeleted(MessageView message) {
		return json.message("message.deleted", message);
	}

	/** {@code {"type": "member.joined", "groupId", "member", "by"}}. */
	public String memberJoined(MemberJoined event) {
		return json.event("member.joined", event.groupId(), "member", event.member(), "by", event.by());
	}

	/** {@code {"type": "member.left", "groupId", "userId", "by", "reason"}}. */
	public String memberLeft(MemberLeft event) {
		return json.event("member.left", event.groupId(), "userId", event.userId(), "by", event.by(), "reason",
				event.reason());
	}

	/**
	 * {@code {"type": "member.banned", "groupId", "userId", "by"}} (the reason stays with
	 * moderators).
	 */
	public String memberBanned(MemberBanned event) {
		return json.event("member.banned", event.groupId(), "userId", event.userId(), "by", event.by());
	}

	/**
	 * {@code {"type": "report.created", "groupId", "report"}}: no STOMP client receives
	 * it (members do not learn of reports); the report is shaped as moderators list it,
	 * without the reporter.
	 */
	public String reportCreated(ReportCreated event) {
		return json.event("report.created", event.report().groupId(), "report", event.report());
	}

}
