package dev.groupchat.realtime;

import dev.groupchat.shared.LogContext;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The WebSocket side of STOMP: frames are decoded with Spring's {@link StompDecoder} and
 * handed to {@link StompCommands}; sessions are wrapped for bounded, concurrent sending.
 * Anything that cannot be decoded, or is larger than the frame limit, gets an ERROR frame
 * and the connection is closed; other sessions never notice.
 */
@Component
class StompEndpoint extends AbstractWebSocketHandler implements SubProtocolCapable {

	private static final Logger log = LoggerFactory.getLogger(StompEndpoint.class);

	private final Map<String, StompSession> sessions = new ConcurrentHashMap<>();

	private final StompDecoder decoder = new StompDecoder();

	private final StompCommands commands;

	private final RealtimeProperties properties;

	private final RealtimeMeters meters;

	private final AtomicLong frameIds = new AtomicLong();

	StompEndpoint(StompCommands commands, RealtimeProperties properties, RealtimeMeters meters) {
		this.commands = commands;
		this.properties = properties;
		this.meters = meters;
	}

	@Override
	public List<String> getSubProtocols() {
		return List.of("v12.stomp", "v11.stomp", "v10.stomp");
	}

	/**
	 * Tomcat's bound on a blocking write (the close frame): a stalled client cannot hold
	 * a thread for long.
	 */
	static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	@Override
	public void afterConnectionEstablished(WebSocketSession socket) {
		Session nativeSession = Objects
			.requireNonNull(((NativeWebSocketSession) socket).getNativeSession(Session.class));
		nativeSession.getUserProperties().put(BLOCKING_SEND_TIMEOUT, properties.sendTimeout().toMillis());
		sessions.put(socket.getId(), new StompSession(socket, nativeSession, properties.sessionLimits(), meters));
	}

	/**
	 * Frames arrive in parts no larger than the container's small buffer (a few KiB per
	 * connection, instead of one buffer of the largest frame per connection) and are
	 * assembled here up to the frame limit.
	 */
	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
		received(socket, message.asBytes(), message.isLast(), false);
	}

	/**
	 * Binary frames are accepted as long as they are UTF-8 text, as STOMP's headers must
	 * be.
	 */
	@Override
	protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) {
		ByteBuffer payload = message.getPayload();
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		received(socket, bytes, message.isLast(), true);
	}

	private void received(WebSocketSession socket, byte[] part, boolean last, boolean binary) {
		StompSession session = sessions.get(socket.getId());
		if (session == null) {
			return;
		}
		byte[] frame = session.inbound().add(part, last);
		if (frame == FrameAssembler.TOO_LARGE) {
			commands.refuse(session, 413, "frame exceeds " + properties.maxFrameSize().toBytes() + " bytes");
		}
		else if (frame != null && binary && !FrameHygiene.isUtf8(frame)) {
			commands.refuse(session, 400, "a frame must be UTF-8 text");
		}
		else if (frame != null) {
			handle(session, frame);
		}
	}

	private void handle(StompSession session, byte[] payload) {
		session.received();
		List<Message<byte[]>> frames;
		try {
			frames = decoder.decode(ByteBuffer.wrap(payload));
		}
		catch (RuntimeException ex) {
			commands.refuse(session, 400, "not a valid STOMP frame");
			return;
		}
		if (frames.isEmpty()) {
			commands.refuse(session, 400, "incomplete STOMP frame");
			return;
		}
		try {
			for (Message<byte[]> frame : frames) {
				if (!session.isOpen()) {
					return;
				}
				LogContext.put(LogContext.REQUEST_ID, session.id() + "-" + frameIds.incrementAndGet());
				LogContext.put(LogContext.USER_ID,
						session.isConnected() ? StompSession.connectedUser(session).id() : null);
				String problem = FrameHygiene.problem(frame, properties.maxHeaders());
				if (problem != null) {
					commands.refuse(session, 400, problem);
					return;
				}
				commands.handle(session, frame);
			}
		}
		finally {
			LogContext.clear();
		}
	}

	@Override
	public void handleTransportError(WebSocketSession socket, Throwable exception) {
		log.debug("Transport error on session {}: {}", socket.getId(), exception.getMessage());
	}

	@Override
	public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
		StompSession session = sessions.remove(socket.getId());
		if (session != null) {
			log.debug("Session {} closed: {} ({})", socket.getId(), session.closeReason(), status.getCode());
			meters.disconnected(session.closeReason());
			commands.closed(session);
		}
	}

	Collection<StompSession> sessions() {
		return sessions.values();
	}

}
