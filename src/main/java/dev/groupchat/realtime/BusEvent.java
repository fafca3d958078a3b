package dev.groupchat.realtime;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event on its way to sessions, already serialized.
 *
 * @param kind whom it is for
 * @param groupId the group (for every kind but {@link Kind#USER})
 * @param userId the user (for {@link Kind#USER} and {@link Kind#DROP_MEMBER})
 * @param seq the message seq for ordered events, else 0
 * @param json the event body
 * @param subjectId for GROUP events about a user's message (or typing, reaction): that
 * user, whose events sessions that blocked them do not get (a placeholder for a message);
 * for BLOCKED and UNBLOCKED: the blocked user; else null
 * @param audience for events about a shadow-muted member's message: the only users who
 * get it whole (the sender and the group's moderators); for member events of a group
 * whose member list is hidden: the only users who get them (the member and the group's
 * moderators); null for everyone
 */
record BusEvent(Kind kind, @Nullable UUID groupId, @Nullable String userId, long seq, @Nullable String json,
		@Nullable String subjectId, @Nullable List<String> audience) {

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
		RECHECK_READERS,
		/**
		 * The user ({@code userId}) blocked {@code subjectId}: their sessions on every
		 * node add it to their block set. Routed like USER.
		 */
		BLOCKED,
		/** The user lifted the block of {@code subjectId}. Routed like USER. */
		UNBLOCKED

	}

	static BusEvent toGroup(UUID groupId, long seq, String json) {
		return new BusEvent(Kind.GROUP, groupId, null, seq, json, null, null);
	}

	/**
	 * An event about one user's message (or action) in the group: hidden from sessions
	 * that blocked {@code subjectId}, and when {@code audience} is given, from everyone
	 * outside it.
	 */
	static BusEvent toGroup(UUID groupId, long seq, String json, @Nullable String subjectId,
			@Nullable List<String> audience) {
		return new BusEvent(Kind.GROUP, groupId, null, seq, json, subjectId, audience);
	}

	static BusEvent toUser(String userId, String json) {
		return new BusEvent(Kind.USER, null, userId, 0, json, null, null);
	}

	static BusEvent dropMember(UUID groupId, String userId, @Nullable String ended) {
		return new BusEvent(Kind.DROP_MEMBER, groupId, userId, 0, ended, null, null);
	}

	static BusEvent dropGroup(UUID groupId, @Nullable String ended) {
		return new BusEvent(Kind.DROP_GROUP, groupId, null, 0, ended, null, null);
	}

	static BusEvent recheckReaders(UUID groupId, @Nullable String ended) {
		return new BusEvent(Kind.RECHECK_READERS, groupId, null, 0, ended, null, null);
	}

	static BusEvent blockChanged(String blockerId, String blockedId, boolean blocked) {
		return new BusEvent(blocked ? Kind.BLOCKED : Kind.UNBLOCKED, null, blockerId, 0, null, blockedId, null);
	}

	/**
	 * Whether every node needs the event, not only those with the user's sessions: a
	 * block change, since each node keeps the blocker's list for history and CONNECT.
	 */
	boolean forAllNodes() {
		return kind == Kind.BLOCKED || kind == Kind.UNBLOCKED;
	}

	/** Whether the event is for one user's sessions (routed by user, not by group). */
	boolean forUser() {
		return kind == Kind.USER || kind == Kind.BLOCKED || kind == Kind.UNBLOCKED;
	}

}
