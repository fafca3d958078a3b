package dev.groupchat.realtime;

import dev.groupchat.identity.CurrentUser;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client connection: its user after CONNECT, its subscriptions, heart-beat state and
 * the limits it holds to (subscriptions, typing, reads, replays). Frames go out through
 * an {@link Outbound} queue with asynchronous writes, so fan-out never waits for a
 * client; closing happens on a virtual thread after the queued frames (an ERROR, say) are
 * written, and records its {@link CloseReason}.
 */
final class StompSession {

	private static final Logger log = LoggerFactory.getLogger(StompSession.class);

	/** What a subscription is to: a group's topic, or one of the user's queues. */
	record Subscription(String id, String destination, @Nullable UUID groupId) {
	}

	private final WebSocketSession socket;

	private final Session nativeSession;

	private final RealtimeProperties.SessionLimits limits;

	private final FrameAssembler inbound;

	private final TokenBucket typing;

	private final TokenBucket reads;

	private final TokenBucket replays;

	private final long openedAt = System.currentTimeMillis();

	private volatile @Nullable CloseReason closeReason;

	private final Outbound outbound;

	private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

	private final AtomicBoolean closing = new AtomicBoolean();

	private volatile @Nullable CurrentUser user;

	/**
	 * Whom the user blocked: loaded at CONNECT, kept current by BLOCKED/UNBLOCKED bus
	 * events; replaced whole on a change (copy on write), so the fan-out reads it without
	 * a lock. Empty for nearly every session, which then costs the fan-out one check.
	 */
	private volatile Set<String> blocked = Set.of();

	private volatile @Nullable Instant expiresAt;

	private volatile long sendEveryMs;

	private volatile long expectEveryMs;

	private volatile long lastSentAt = System.currentTimeMillis();

	private volatile long lastReceivedAt = System.currentTimeMillis();

	private final RealtimeMeters meters;

	StompSession(WebSocketSession socket, Session nativeSession, RealtimeProperties.SessionLimits limits,
			RealtimeMeters meters) {
		this.socket = socket;
		this.nativeSession = nativeSession;
		this.limits = limits;
		this.meters = meters;
		this.outbound = new Outbound(nativeSession, limits.sendBufferLimit(), () -> close(CloseReason.SLOW_CONSUMER),
				() -> close(CloseReason.CLIENT), meters);
		this.inbound = new FrameAssembler(limits.maxFrameSize());
		this.typing = new TokenBucket(limits.typingPerSecond(), limits.typingPerSecond() * 5);
		this.reads = new TokenBucket(limits.readsPerSecond(), limits.readsPerSecond() * 5);
		this.replays = new TokenBucket(1, limits.replayBurst());
	}

	/** Where the parts of this connection's incoming frames are joined. */
	FrameAssembler inbound() {
		return inbound;
	}

	String id() {
		return socket.getId();
	}

	void connected(CurrentUser user, @Nullable Instant expiresAt, long sendEveryMs, long expectEveryMs) {
		this.user = user;
		this.expiresAt = expiresAt;
		this.sendEveryMs = sendEveryMs;
		this.expectEveryMs = expectEveryMs;
	}

	/** Whom the session's user blocked (read on every message frame). */
	Set<String> blocked() {
		return blocked;
	}

	/** The block set as stored, read after the session was registered for changes. */
	void blocksLoaded(Set<String> stored) {
		blocked = Set.copyOf(stored);
	}

	synchronized void blockChanged(String otherId, boolean isBlocked) {
		Set<String> changed = new HashSet<>(blocked);
		if (isBlocked ? changed.add(otherId) : changed.remove(otherId)) {
			blocked = Set.copyOf(changed);
		}
	}

	boolean isConnected() {
		return user != null;
	}

	/** The user after CONNECT; null before. */
	@Nullable CurrentUser user() {
		return user;
	}

	/**
	 * The user of a session that has sent CONNECT, for the frames only such a session
	 * gets to (SUBSCRIBE, SEND); static so that it reads {@link #user()} as a test's
	 * stand-in session answers it.
	 */
	static CurrentUser connectedUser(StompSession session) {
		CurrentUser user = session.user();
		if (user == null) {
			throw new IllegalStateException("session " + session.id() + " has not sent CONNECT");
		}
		return user;
	}

	@Nullable Instant expiresAt() {
		return expiresAt;
	}

	/**
	 * Adds a subscription within the session's limits (count, id length); else a refusal.
	 */
	void add(Subscription subscription) {
		if (subscription.id().length() > limits.maxSubscriptionIdLength()) {
			throw new StompRefusal(400,
					"a subscription id may have at most " + limits.maxSubscriptionIdLength() + " characters");
		}
		if (subscriptions.size() >= limits.maxSubscriptions()) {
			throw new StompRefusal(429, "a session may hold at most " + limits.maxSubscriptions() + " subscriptions");
		}
		subscriptions.put(subscription.id(), subscription);
	}

	/**
	 * Whether a typing frame is within the session's rate; beyond it, typing is dropped.
	 */
	boolean typingAllowed() {
		return typing.tryTake();
	}

	/**
	 * Whether a read frame is within the session's rate; beyond it, the frame is dropped.
	 */
	boolean readAllowed() {
		return reads.tryTake();
	}

	/**
	 * Whether the session may start another replay now (a burst, refilled at one a
	 * second).
	 */
	boolean replayAllowed() {
		return replays.tryTake();
	}

	Optional<Subscription> remove(String subscriptionId) {
		return Optional.ofNullable(subscriptions.remove(subscriptionId));
	}

	Optional<Subscription> subscription(String id) {
		return Optional.ofNullable(subscriptions.get(id));
	}

	/** The id of this session's subscription to a user queue, if it has one. */
	Optional<String> subscriptionTo(String destination) {
		return subscriptions.values()
			.stream()
			.filter(s -> s.destination().equals(destination))
			.map(Subscription::id)
			.findFirst();
	}

	Iterable<Subscription> subscriptions() {
		return subscriptions.values();
	}

	void received() {
		lastReceivedAt = System.currentTimeMillis();
	}

	/**
	 * Whether the client asked for binary WebSocket frames at CONNECT
	 * ({@code groupchat-binary-frames:true}): every frame after CONNECTED then goes out
	 * as the UTF-8 bytes of the STOMP frame, and a group's frames are encoded once for
	 * all such sessions instead of once per session.
	 */
	private volatile boolean binaryFrames;

	void useBinaryFrames() {
		binaryFrames = true;
	}

	boolean binaryFrames() {
		return binaryFrames;
	}

	/** Queues a group's frame for one of this session's subscriptions. */
	void send(GroupChannel.Frame frame, String subscriptionId) {
		if (binaryFrames) {
			send(frame.bytesForSubscription(subscriptionId));
		}
		else {
			send(frame.forSubscription(subscriptionId));
		}
	}

	private void send(byte[] frame) {
		if (!closing.get()) {
			outbound.send(frame);
			lastSentAt = System.currentTimeMillis();
		}
		else {
			meters.framesDropped(1);
		}
	}

	/** Queues a frame; a failed or overflowing send closes the session. */
	void send(String frame) {
		if (binaryFrames) {
			send(frame.getBytes(StandardCharsets.UTF_8));
			return;
		}
		if (!closing.get()) {
			outbound.send(frame);
			lastSentAt = System.currentTimeMillis();
		}
		else {
			meters.framesDropped(1);
		}
	}

	/**
	 * Waits until at most {@code chars} wait in the send queue; false when the session
	 * closed or the client did not read that far within {@code timeout}.
	 */
	boolean awaitQueuedAtMost(long chars, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (outbound.queuedChars() > chars) {
			if (closing.get() || System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(500_000);
		}
		return !closing.get();
	}

	/**
	 * Sends an ERROR frame and closes, as STOMP asks of a server that refuses a frame.
	 */
	void fail(String message, String problemJson, CloseReason reason) {
		send(StompFrames.error(message, problemJson));
		close(reason);
	}

	/**
	 * Closes once the frames already queued are written (at most a second later); a slow
	 * consumer at once, without waiting for a socket that does not drain. The first
	 * reason given is the one kept.
	 */
	void close(CloseReason reason) {
		if (!closing.compareAndSet(false, true)) {
			return;
		}
		closeReason = reason;
		boolean drain = reason != CloseReason.SLOW_CONSUMER;
		if (!drain) {
			nativeSession.getUserProperties().put(StompEndpoint.BLOCKING_SEND_TIMEOUT, 100L);
		}
		Thread.ofVirtual().name("ws-close-" + id()).start(() -> {
			long deadline = System.currentTimeMillis() + 1_000;
			while (drain && outbound.queuedChars() > 0 && System.currentTimeMillis() < deadline) {
				sleep();
			}
			try {
				socket.close(reason.status());
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

	/**
	 * Why the server closed the session; {@link CloseReason#CLIENT} when it never did.
	 */
	CloseReason closeReason() {
		CloseReason reason = closeReason;
		return reason == null ? CloseReason.CLIENT : reason;
	}

	/**
	 * True while the session has not sent CONNECT within {@code timeoutMs} of opening.
	 */
	boolean connectOverdue(long now, long timeoutMs) {
		return user == null && now - openedAt > timeoutMs;
	}

	/**
	 * True when the oldest unfinished write has waited longer than {@code timeoutNanos}.
	 */
	boolean writeOverdue(long nowNanos, long timeoutNanos) {
		long since = outbound.pendingSinceNanos();
		return since != 0 && nowNanos - since > timeoutNanos;
	}

	boolean isOpen() {
		return !closing.get() && socket.isOpen();
	}

	/**
	 * Heart-beat duties at {@code now}: answers false when the client has gone silent too
	 * long.
	 */
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
