package dev.groupchat.realtime;

import java.util.UUID;

/**
 * An event on its way to sessions, already serialized.
 *
 * @param kind whom it is for
 * @param groupId the group (for every kind but {@link Kind#USER})
 * @param userId the user (for {@link Kind#USER} and {@link Kind#DROP_MEMBER})
 * @param seq the message seq for ordered events, else 0
 * @param json the event body
 */
record BusEvent(Kind kind, UUID groupId, String userId, long seq, String json) {

	public enum Kind {

		/** To every subscriber of the group's topic. */
		GROUP,
		/** To the user's {@code /user/queue/events} on every session. */
		USER,
		/**
		 * End the user's subscriptions to the group: they may no longer read it.
		 * {@code json}, when present, is the last event each ended subscription gets.
		 */
		DROP_MEMBER,
		/**
		 * End every subscription to the group (it was deleted); {@code json} as for
		 * DROP_MEMBER.
		 */
		DROP_GROUP,
		/**
		 * Who may read the group changed for non-members (it stopped being public): each
		 * node checks its subscribers against the database and ends those who may no
		 * longer read it.
		 */
		RECHECK_READERS

	}

	static BusEvent toGroup(UUID groupId, long seq, String json) {
		return new BusEvent(Kind.GROUP, groupId, null, seq, json);
	}

	static BusEvent toUser(String userId, String json) {
		return new BusEvent(Kind.USER, null, userId, 0, json);
	}

	static BusEvent dropMember(UUID groupId, String userId, String ended) {
		return new BusEvent(Kind.DROP_MEMBER, groupId, userId, 0, ended);
	}

	static BusEvent dropGroup(UUID groupId, String ended) {
		return new BusEvent(Kind.DROP_GROUP, groupId, null, 0, ended);
	}

	static BusEvent recheckReaders(UUID groupId, String ended) {
		return new BusEvent(Kind.RECHECK_READERS, groupId, null, 0, ended);
	}

}
