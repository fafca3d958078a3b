package dev.groupchat.realtime;

import dev.groupchat.identity.CurrentUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client connection: its user after CONNECT, its subscriptions and heart-beat state. Frames go
 * out through an {@link Outbound} queue with asynchronous writes, so fan-out never waits for a
 * client; closing happens on a virtual thread after the queued frames (an ERROR, say) are written.
 */
final class StompSession {

	private static final Logger log = LoggerFactory.getLogger(StompSession.class);

	/** What a subscription is to: a group's topic, or one of the user's queues. */
	record Subscription(String id, String destination, UUID groupId) {
	}

	private final WebSocketSession socket;

	private final Outbound outbound;

	private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

	private final AtomicBoolean closing = new AtomicBoolean();

	private volatile CurrentUser user;

	private volatile Instant expiresAt;

	private volatile long sendEveryMs;

	private volatile long expectEveryMs;

	private volatile long lastSentAt = System.currentTimeMillis();

	private volatile long lastReceivedAt = System.currentTimeMillis();

	private volatile DisconnectReason closeReason;

	private final RealtimeMeters meters;

	StompSession(WebSocketSession socket, jakarta.websocket.Session nativeSession, long sendBufferLimit,
			RealtimeMeters meters) {
		this.socket = socket;
		this.meters = meters;
		this.outbound = new Outbound(nativeSession, sendBufferLimit, () -> close(SLOW_CONSUMER), meters);
	}

	/** Closed because its queue outgrew the limit: the client reads slower than the group talks. */
	static final CloseStatus SLOW_CONSUMER = new CloseStatus(1008, "slow consumer");

	/** Answered by {@link #assemble} for a frame over the limit. */
	static final byte[] TOO_LARGE = new byte[0];

	private StringBuilder partial;

	/**
	 * Adds one part of an incoming frame (the container delivers a connection's parts one at a time,
	 * in order). Answers the whole frame after its last part, {@link #TOO_LARGE} past the limit, and
	 * null while parts are still to come.
	 */
	byte[] assemble(String part, boolean last, long limit) {
		if (partial == null && last) {
			return bounded(part.getBytes(StandardCharsets.UTF_8), limit);
		}
		if (partial == null) {
			partial = new StringBuilder();
		}
		partial.append(part);
		if (partial.length() > limit) {
			partial = null;
			return TOO_LARGE;
		}
		if (!last) {
			return null;
		}
		byte[] frame = partial.toString().getBytes(StandardCharsets.UTF_8);
		partial = null;
		return bounded(frame, limit);
	}

	private static byte[] bounded(byte[] frame, long limit) {
		return frame.length > limit ? TOO_LARGE : frame;
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

	/** Queues a frame; a failed or overflowing send closes the session. */
	void send(String frame) {
		if (!closing.get()) {
			outbound.send(frame);
			lastSentAt = System.currentTimeMillis();
		}
		else {
			meters.framesDropped(1);
		}
	}

	/**
	 * Waits until at most {@code chars} wait in the send queue; false when the session closed or the
	 * client did not read that far within {@code timeout}.
	 */
	boolean awaitQueuedAtMost(long chars, java.time.Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (outbound.queuedChars() > chars) {
			if (closing.get() || System.nanoTime() > deadline) {
				return false;
			}
			java.util.concurrent.locks.LockSupport.parkNanos(500_000);
		}
		return !closing.get();
	}

	/** Sends an ERROR frame and closes, as STOMP asks of a server that refuses a frame. */
	void fail(String message, String problemJson) {
		send(StompFrames.error(message, problemJson));
		close(CloseStatus.POLICY_VIOLATION);
	}

	/** Closes once the frames already queued are written (at most a second later). */
	void close(CloseStatus status) {
		if (!closing.compareAndSet(false, true)) {
			return;
		}
		if (closeReason == null) {
			closeReason = DisconnectReason.of(status);
		}
		Thread.ofVirtual().name("ws-close-" + id()).start(() -> {
			long deadline = System.currentTimeMillis() + 1_000;
			while (outbound.queuedChars() > 0 && System.currentTimeMillis() < deadline) {
				sleep();
			}
			try {
				socket.close(status);
			}
			catch (IOException | RuntimeException ex) {
				log.debug("Session {} was already closing: {}", id(), ex.getMessage());
			}
		});
	}

	private static void sleep() {
		try {
			Thread.sleep(5);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Names why the server is about to close this session, for a close whose status does not say it. */
	void closingBecause(DisconnectReason reason) {
		if (!closing.get()) {
			closeReason = reason;
		}
	}

	/** Why the server closed this session; null when it did not (the client did, or the socket died). */
	DisconnectReason closeReason() {
		return closeReason;
	}

	boolean isOpen() {
		return !closing.get() && socket.isOpen();
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
