package dev.groupchat.realtime;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

/**
 * Why a STOMP connection ended, recorded on the session when the server (or the client)
 * closes it, so that disconnects can be counted by reason. Each maps to the WebSocket
 * close status sent.
 */
enum CloseReason {

	/** The client sent DISCONNECT or closed the socket, or the network dropped it. */
	CLIENT(CloseStatus.NORMAL),
	/**
	 * The client's output passed the buffer limit, or a write stayed unfinished past the
	 * send timeout.
	 */
	SLOW_CONSUMER(new CloseStatus(1008, "slow consumer")),
	/**
	 * No frame (not even a heart-beat) from the client within twice the negotiated
	 * interval.
	 */
	HEARTBEAT_TIMEOUT(CloseStatus.SESSION_NOT_RELIABLE),
	/** The token the session connected with has expired. */
	TOKEN_EXPIRED(CloseStatus.POLICY_VIOLATION),
	/**
	 * The node is shutting down; the client reconnects, to another node if there is one.
	 */
	SHUTDOWN(CloseStatus.SERVICE_RESTARTED),
	/** No CONNECT frame within the connect timeout. */
	CONNECT_TIMEOUT(CloseStatus.POLICY_VIOLATION),
	/**
	 * A frame was refused (ERROR frame): bad input, a limit, a destination the user may
	 * not use.
	 */
	POLICY(CloseStatus.POLICY_VIOLATION, "refused");

	private final CloseStatus status;

	private final String tag;

	CloseReason(CloseStatus status) {
		this(status, null);
	}

	CloseReason(CloseStatus status, @Nullable String tag) {
		this.status = status;
		this.tag = tag != null ? tag : name().toLowerCase(Locale.ROOT);
	}

	/** The {@code reason} tag of {@code groupchat_realtime_disconnects_total}. */
	String tag() {
		return tag;
	}

	CloseStatus status() {
		return status;
	}

}
