package dev.groupchat.shared;

/**
 * Whether sends are waiting to be stored on this node right now. Background work that
 * competes with them for the same cores and database (push expansion and delivery, search
 * indexing, webhooks) gives way while they are: see {@link PollingLoop#giveWay}.
 */
@FunctionalInterface
public interface SendPressure {

	/** A pressure that never gives way (tests, a node that stores no messages). */
	SendPressure NONE = () -> false;

	boolean sendsWaiting();

}
