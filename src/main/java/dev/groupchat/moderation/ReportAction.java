package dev.groupchat.moderation;

/** What a moderator does about a reported message. */
public enum ReportAction {

	/** Nothing was wrong. */
	DISMISS,
	/** Recall the message. */
	RECALL,
	/** Mute the sender (for {@code muteSeconds}). */
	MUTE,
	/** Ban the sender from the group. */
	BAN

}
