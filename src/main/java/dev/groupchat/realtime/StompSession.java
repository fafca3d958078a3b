package dev.groupchat.realtime;

import dev.groupchat.identity.CurrentUser;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client connection: its user after CONNECT, its subscriptions and heart-beat state. Sends go
 * through Spring's {@code ConcurrentWebSocketSessionDecorator}, which lets one thread write while
 * others queue, and closes a session whose queue outgrows its limit: a slow consumer is cut off
 * rather than buffered without bound.
 */
final class StompSession {

	private static final Logger log = LoggerFactory.getLogger(StompSession.class);

	/** What a subscription is to: a group's topic, or one of the user's queues. */
	record Subscription(String id, String destination, UUID groupId) {
	}

	private final WebSocketSession socket;

	private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

	private volatile CurrentUser user;

	private volatile Instant expiresAt;

	private volatile long sendEveryMs;

	private volatile long expectEveryMs;

	private volatile long lastSentAt = System.currentTimeMillis();

	private volatile long lastReceivedAt = System.currentTimeMillis();

	StompSession(WebSocketSession socket) {
		this.socket = socket;
	}

	String id() {
		return socket.getId();
	}

	void connected(CurrentUser user, Instant expiresAt, long sendEveryMs, long expectEveryMs) {
		this.user = user;
		this.expiresAt = expiresAt;
		this.sendEveryMs = sendEveryMs;
		this.expectEveryMs = expectEveryMs;
	}

	boolean isConnected() {
		return user != null;
	}

	CurrentUser user() {
		return user;
	}

	Instant expiresAt() {
		return expiresAt;
	}

	void add(Subscription subscription) {
		subscriptions.put(subscription.id(), subscription);
	}

	Optional<Subscription> remove(String subscriptionId) {
		return Optional.ofNullable(subscriptions.remove(subscriptionId));
	}

	Optional<Subscription> subscription(String id) {
		return Optional.ofNullable(subscriptions.get(id));
	}

	/** The id of this session's subscription to a user queue, if it has one. */
	Optional<String> subscriptionTo(String destination) {
		return subscriptions.values().stream().filter(s -> s.destination().equals(destination)).map(Subscription::id)
			.findFirst();
	}

	Iterable<Subscription> subscriptions() {
		return subscriptions.values();
	}

	void received() {
		lastReceivedAt = System.currentTimeMillis();
	}

	/** Sends a frame; a failed or overflowing send closes the session (handled on close). */
	void send(String frame) {
		if (!socket.isOpen()) {
			return;
		}
		try {
			socket.sendMessage(new TextMessage(frame));
			lastSentAt = System.currentTimeMillis();
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Closing session {} after a failed send: {}", id(), ex.getMessage());
			close(CloseStatus.SESSION_NOT_RELIABLE);
		}
	}

	/** Sends an ERROR frame and closes, as STOMP asks of a server that refuses a frame. */
	void fail(String message, String problemJson) {
		send(StompFrames.error(message, problemJson));
		close(CloseStatus.POLICY_VIOLATION);
	}

	void close(CloseStatus status) {
		try {
			socket.close(status);
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Session {} was already closing: {}", id(), ex.getMessage());
		}
	}

	boolean isOpen() {
		return socket.isOpen();
	}

	/** Heart-beat duties at {@code now}: answers false when the client has gone silent too long. */
	boolean heartbeat(long now) {
		if (expectEveryMs > 0 && now - lastReceivedAt > expectEveryMs * 2 + 1_000) {
			return false;
		}
		if (sendEveryMs > 0 && now - lastSentAt >= sendEveryMs) {
			send(StompFrames.HEARTBEAT);
		}
		return true;
	}

}
