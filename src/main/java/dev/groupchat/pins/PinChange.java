package dev.groupchat.pins;

/** What happened to a pin ({@code change} of the {@code pin.changed} live event). */
public enum PinChange {

	/** An OWNER or ADMIN pinned the message. */
	PINNED,
	/** Its {@code until} or announcement mark changed (a repeated PUT). */
	UPDATED,
	/** An OWNER or ADMIN unpinned it. */
	UNPINNED,
	/** The message was recalled (by anyone allowed to), which takes its pin away. */
	MESSAGE_RECALLED,
	/** The message reached the end of the group's retention period. */
	MESSAGE_EXPIRED

}
