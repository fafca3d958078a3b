package dev.groupchat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bare WebSocket speaking STOMP by hand, for protocol abuse a well-behaved client
 * library would not let a test commit: frames before CONNECT, bad destinations, oversized
 * frames. Every text message the server sends is kept as a parsed {@link Frame};
 * heart-beat newlines are skipped.
 */
public final class RawStompSocket implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private volatile CloseStatus closeStatus;

	private WebSocketSession session;

	private RawStompSocket() {
	}

	/**
	 * Opens the WebSocket with subprotocol {@code v12.stomp}; no STOMP frame is sent yet.
	 */
	public static RawStompSocket open(int port) {
		RawStompSocket socket = new RawStompSocket();
		StandardWebSocketClient client = new StandardWebSocketClient();
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.setSecWebSocketProtocol("v12.stomp");
		try {
			socket.session = client.execute(socket.new Handler(), headers, URI.create("ws://localhost:" + port + "/ws"))
				.get(10, TimeUnit.SECONDS);
			socket.session.setTextMessageSizeLimit(1024 * 1024);
			socket.session.setBinaryMessageSizeLimit(1024 * 1024);
		}
		catch (Exception ex) {
			throw new IllegalStateException("WebSocket connect failed", ex);
		}
		return socket;
	}

	/**
	 * Opens and sends CONNECT with the token; fails unless the server answers CONNECTED.
	 */
	public static RawStompSocket connected(int port, String token) throws InterruptedException {
		RawStompSocket socket = open(port);
		socket.sendConnect(token);
		Frame answer = socket.next(Duration.ofSeconds(10));
		if (answer == null || !answer.command().equals("CONNECTED")) {
			throw new IllegalStateException("expected CONNECTED, got " + answer);
		}
		return socket;
	}

	/**
	 * CONNECT with {@code Authorization: Bearer token}, or without the header when token
	 * is null.
	 */
	public void sendConnect(String token) {
		sendConnect(token, Map.of());
	}

	/** CONNECT with the token and {@code extra} headers. */
	public void sendConnect(String token, Map<String, String> extra) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("accept-version", "1.2");
		headers.put("host", "localhost");
		if (token != null) {
			headers.put("Authorization", "Bearer " + token);
		}
		headers.putAll(extra);
		send("CONNECT", headers, "");
	}

	public void send(String command, Map<String, String> headers, String body) {
		StringBuilder frame = new StringBuilder(command).append('\n');
		headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
		sendRaw(frame.append('\n').append(body).append('\0').toString());
	}

	/** Sends the text exactly as given. */
	public void sendRaw(String text) {
		try {
			session.sendMessage(new TextMessage(text));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends the bytes as one binary WebSocket message. */
	public void sendBinary(byte[] bytes) {
		try {
			session.sendMessage(new BinaryMessage(bytes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The next frame from the server, or null after the timeout. */
	public Frame next(Duration timeout) throws InterruptedException {
		return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The next frame with the given command, skipping others; null after the timeout. */
	public Frame next(String command, Duration timeout) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			Frame frame = frames.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
			if (frame != null && frame.command().equals(command)) {
				return frame;
			}
		}
		return null;
	}

	/** Waits until the server closed the WebSocket. */
	public boolean awaitClosed(Duration timeout) throws InterruptedException {
		return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	public CloseStatus closeStatus() {
		return closeStatus;
	}

	public boolean isOpen() {
		return session.isOpen();
	}

	@Override
	public void close() {
		try {
			if (session.isOpen()) {
				session.close();
			}
		}
		catch (IOException ex) {
			// already gone
		}
	}

	/** A STOMP frame as received. */
	/**
	 * A frame from the server; {@code binary} when it came as a binary WebSocket message
	 * (decoded as UTF-8).
	 */
	public record Frame(String command, Map<String, String> headers, String body, boolean binary) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		static Frame parse(String text) {
			return parse(text, false);
		}

		static Frame parse(String text, boolean binary) {
			int end = text.indexOf('\0');
			String frame = end < 0 ? text : text.substring(0, end);
			int blank = frame.indexOf("\n\n");
			String head = blank < 0 ? frame : frame.substring(0, blank);
			String body = blank < 0 ? "" : frame.substring(blank + 2);
			String[] lines = head.split("\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
				}
			}
			return new Frame(lines[0].strip(), headers, body, binary);
		}

	}

	private final class Handler extends AbstractWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) {
			String text = message.getPayload();
			if (!text.isBlank()) {
				frames.add(Frame.parse(text.stripLeading()));
			}
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
			ByteBuffer payload = message.getPayload();
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			String text = new String(bytes, StandardCharsets.UTF_8);
			if (!text.isBlank()) {
				frames.add(Frame.parse(text.stripLeading(), true));
			}
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			closeStatus = status;
			closed.countDown();
		}

	}

}
