package dev.groupchat.realtime;

import org.springframework.web.socket.CloseStatus;

/**
 * Why a STOMP connection ended, as the {@code reason} tag of
 * {@code groupchat_realtime_disconnects_total}: a small fixed set, so the metric stays cheap.
 */
enum DisconnectReason {

	/** The client closed the socket or sent DISCONNECT. */
	CLIENT,
	/** Its send queue outgrew the limit. */
	SLOW_CONSUMER,
	/** It stopped sending heart-beats. */
	HEARTBEAT_TIMEOUT,
	/** Its token expired while connected. */
	TOKEN_EXPIRED,
	/** The server refused a frame (ERROR, then close). */
	REFUSED,
	/** This node is shutting down. */
	SHUTDOWN,
	/** Any other close status the server chose. */
	OTHER;

	final String tag = name().toLowerCase(java.util.Locale.ROOT);

	/** The reason of a close the server initiated with {@code status}. */
	static DisconnectReason of(CloseStatus status) {
		if (status.equals(StompSession.SLOW_CONSUMER)) {
			return SLOW_CONSUMER;
		}
		if (status.getCode() == CloseStatus.SESSION_NOT_RELIABLE.getCode()) {
			return HEARTBEAT_TIMEOUT;
		}
		return switch (status.getCode()) {
			case 1000 -> CLIENT;
			case 1001, 1012 -> SHUTDOWN;
			case 1008 -> REFUSED;
			default -> OTHER;
		};
	}

}
