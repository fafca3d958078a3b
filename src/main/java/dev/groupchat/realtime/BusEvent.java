package dev.groupchat.realtime;

import java.util.UUID;

/**
 * An event on its way to sessions, already serialized.
 *
 * @param kind whom it is for
 * @param groupId the group (for {@link Kind#GROUP} and {@link Kind#DROP_MEMBER})
 * @param userId the user (for {@link Kind#USER} and {@link Kind#DROP_MEMBER})
 * @param seq the message seq for ordered events, else 0
 * @param json the event body
 */
public record BusEvent(Kind kind, UUID groupId, String userId, long seq, String json) {

	public enum Kind {
		/** To every subscriber of the group's topic. */
		GROUP,
		/** To the user's {@code /user/queue/events} on every session. */
		USER,
		/** End the user's subscriptions to the group: they are no longer a member. */
		DROP_MEMBER
	}

	static BusEvent toGroup(UUID groupId, long seq, String json) {
		return new BusEvent(Kind.GROUP, groupId, null, seq, json);
	}

	static BusEvent toUser(String userId, String json) {
		return new BusEvent(Kind.USER, null, userId, 0, json);
	}

	static BusEvent dropMember(UUID groupId, String userId) {
		return new BusEvent(Kind.DROP_MEMBER, groupId, userId, 0, null);
	}

}
