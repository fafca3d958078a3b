package dev.groupchat.realtime;

import dev.groupchat.identity.BearerTokens;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.identity.UserProfiles;
import dev.groupchat.messaging.SendMetrics;
import dev.groupchat.safety.Blocks;
import dev.groupchat.shared.ProblemType;
import dev.groupchat.shared.Problems;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The STOMP commands a client may send. Nothing but CONNECT is accepted before CONNECT;
 * every refusal is an ERROR frame with a problem document, after which the connection
 * closes.
 */
@Component
class StompCommands {

	private final BearerTokens tokens;

	private final UserProfiles profiles;

	private final StompSubscriptions subscriptions;

	private final StompSends sends;

	private final UserQueues users;

	private final EventJson json;

	private final RealtimeProperties properties;

	private final RealtimeMeters meters;

	private final SendMetrics sendMetrics;

	private final Blocks blocks;

	StompCommands(BearerTokens tokens, UserProfiles profiles, StompSubscriptions subscriptions, StompSends sends,
			UserQueues users, EventJson json, RealtimeProperties properties, RealtimeMeters meters,
			SendMetrics sendMetrics, Blocks blocks) {
		this.blocks = blocks;
		this.meters = meters;
		this.sendMetrics = sendMetrics;
		this.tokens = tokens;
		this.profiles = profiles;
		this.subscriptions = subscriptions;
		this.sends = sends;
		this.users = users;
		this.json = json;
		this.properties = properties;
	}

	void handle(StompSession session, Message<byte[]> frame) {
		StompHeaderAccessor headers = StompHeaderAccessor.wrap(frame);
		if (headers.getMessageType() == SimpMessageType.HEARTBEAT) {
			return;
		}
		StompCommand command = headers.getCommand();
		if (command == null) {
			// the decoder gives every frame but a heart-beat its command; refused, not an
			// NPE
			refuse(session, 400, "a frame needs a command");
			return;
		}
		if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
			connect(session, headers);
			return;
		}
		if (!session.isConnected()) {
			if (command == StompCommand.SEND) {
				sendMetrics.refused(SendMetrics.Refusal.UNAUTHORIZED);
			}
			refuse(session, 401, "send CONNECT with a bearer token first");
			return;
		}
		try {
			switch (command) {
				case SUBSCRIBE -> subscriptions.subscribe(session, headers);
				case UNSUBSCRIBE -> subscriptions.unsubscribe(session, headers);
				case SEND -> sends.send(session, headers, frame.getPayload());
				case DISCONNECT -> {
					receipt(session, headers);
					session.close(CloseReason.CLIENT);
					return;
				}
				default -> {
					refuse(session, 400, command + " is not supported");
					return;
				}
			}
		}
		catch (StompRefusal refusal) {
			refuse(session, refusal.status(), String.valueOf(refusal.getMessage()));
			return;
		}
		receipt(session, headers);
	}

	private void connect(StompSession session, StompHeaderAccessor headers) {
		if (session.isConnected()) {
			refuse(session, 400, "already connected");
			return;
		}
		String authorization = headers.getFirstNativeHeader("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			refuse(session, 401, "CONNECT needs the header Authorization: Bearer <token>");
			return;
		}
		BearerTokens.Verified verified = tokens.verify(authorization.substring(7).trim()).orElse(null);
		if (verified == null) {
			refuse(session, 401, "the bearer token is not valid");
			return;
		}
		CurrentUser user = verified.user();
		try {
			profiles.seen(user);
		}
		catch (DataAccessException | TransactionException ex) {
			unavailable(session);
			return;
		}
		long offer = properties.heartbeat().toMillis();
		long[] client = headers.getHeartbeat();
		long sendEvery = client[1] == 0 ? 0 : Math.max(offer, client[1]);
		long expectEvery = client[0] == 0 ? 0 : Math.max(offer, client[0]);
		session.connected(user, verified.expiresAt(), sendEvery, expectEvery);
		if (!users.add(session)) {
			refuse(session, 429, "at most " + properties.maxSessionsPerUser() + " sessions per user; close one first");
			return;
		}
		// loaded once registered: a block committed from here on reaches the session as
		// a bus event
		try {
			session.blocksLoaded(blocks.blockedBy(user.id()));
		}
		catch (DataAccessException | TransactionException ex) {
			unavailable(session);
			return;
		}
		meters.connected();
		if ("true".equalsIgnoreCase(headers.getFirstNativeHeader(StompFrames.BINARY_FRAMES))) {
			session.useBinaryFrames();
		}
		session.send(StompFrames.connected(user.id(), offer, offer, session.binaryFrames()));
	}

	/**
	 * Refuses a CONNECT that needs the database while it does not answer in time (a burst
	 * of connects beyond the pool): a 503 problem the client retries after a second,
	 * never a bare close with 1011.
	 */
	private void unavailable(StompSession session) {
		refuse(session, 503, "the service is busy or the database is not answering; connect again in a second");
	}

	/** Sends an ERROR frame with a problem document and closes the connection. */
	void refuse(StompSession session, int status, String detail) {
		refuse(session, status, detail, CloseReason.POLICY);
	}

	void refuse(StompSession session, int status, String detail, CloseReason reason) {
		ProblemType type = switch (HttpStatus.valueOf(status)) {
			case UNAUTHORIZED -> ProblemType.UNAUTHORIZED;
			case FORBIDDEN -> ProblemType.FORBIDDEN;
			case NOT_FOUND -> ProblemType.NOT_FOUND;
			case CONTENT_TOO_LARGE -> ProblemType.PAYLOAD_TOO_LARGE;
			case TOO_MANY_REQUESTS -> ProblemType.RATE_LIMITED;
			case SERVICE_UNAVAILABLE -> ProblemType.UNAVAILABLE;
			default -> ProblemType.VALIDATION;
		};
		session.fail(detail, json.write(Problems.of(type, detail)), reason);
	}

	private static void receipt(StompSession session, StompHeaderAccessor headers) {
		String receipt = headers.getReceipt();
		if (receipt != null) {
			session.send(StompFrames.receipt(receipt));
		}
	}

	void closed(StompSession session) {
		subscriptions.closed(session);
		users.remove(session);
	}

}
