package dev.groupchat.support;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real STOMP 1.2 client (Spring's {@link WebSocketStompClient}) as the mobile app would
 * use it: bearer token on CONNECT, JSON bodies, one queue of received events per
 * subscription.
 */
public final class StompTestClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ThreadPoolTaskScheduler SCHEDULER = scheduler();

	private static final AtomicLong RECEIPTS = new AtomicLong();

	private final WebSocketStompClient client;

	private final StompSession session;

	/** ERROR frames and transport failures of this connection, as text. */
	public final BlockingQueue<String> errors = new LinkedBlockingQueue<>();

	private StompTestClient(WebSocketStompClient client, StompSession session) {
		this.client = client;
		this.session = session;
	}

	public static StompTestClient connect(int port, String token) {
		return connect(port, token, Map.of());
	}

	/** Connects with {@code extra} CONNECT headers. */
	public static StompTestClient connect(int port, String token, Map<String, String> extra) {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new TextConverter());
		client.setTaskScheduler(SCHEDULER);
		client.setDefaultHeartbeat(new long[] { 10_000, 10_000 });
		client.setReceiptTimeLimit(10_000);
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + token);
		extra.forEach(connect::add);
		Handler handler = new Handler();
		try {
			StompSession session = client
				.connectAsync("ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), connect, handler)
				.get(10, TimeUnit.SECONDS);
			StompTestClient result = new StompTestClient(client, session);
			handler.owner = result;
			return result;
		}
		catch (Exception ex) {
			client.stop();
			throw new IllegalStateException("STOMP connect failed: " + handler.errors, ex);
		}
	}

	/** Subscribes and answers the queue its events arrive in. */
	public Subscription subscribe(String destination) {
		return subscribe(destination, Map.of());
	}

	public Subscription subscribe(String destination, Map<String, String> extraHeaders) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		extraHeaders.forEach(headers::add);
		Subscription subscription = new Subscription();
		subscription.handle = session.subscribe(headers, subscription);
		return subscription;
	}

	/**
	 * Subscribes with a {@code receipt} header and waits for the server's RECEIPT: when
	 * this returns, the server has registered the subscription (and, for a resume, sent
	 * its replay).
	 */
	public Subscription subscribeAndAwait(String destination) {
		return subscribeAndAwait(destination, Map.of());
	}

	public Subscription subscribeAndAwait(String destination, Map<String, String> extraHeaders) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		extraHeaders.forEach(headers::add);
		headers.setReceipt("r-" + RECEIPTS.incrementAndGet());
		Subscription subscription = new Subscription();
		subscription.handle = session.subscribe(headers, subscription);
		await(subscription.handle, "SUBSCRIBE " + destination);
		return subscription;
	}

	public void send(String destination, Object body) {
		session.send(sendHeaders(destination), body instanceof String s ? s : JSON.writeValueAsString(body));
	}

	/**
	 * Sends with a {@code receipt} header and waits until the server has handled the
	 * frame.
	 */
	public void sendAndAwait(String destination, Object body) {
		StompHeaders headers = sendHeaders(destination);
		headers.setReceipt("r-" + RECEIPTS.incrementAndGet());
		await(session.send(headers, body instanceof String s ? s : JSON.writeValueAsString(body)),
				"SEND " + destination);
	}

	private static StompHeaders sendHeaders(String destination) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		return headers;
	}

	private void await(StompSession.Receiptable receiptable, String what) {
		CompletableFuture<Boolean> receipt = new CompletableFuture<>();
		receiptable.addReceiptTask(() -> receipt.complete(true));
		receiptable.addReceiptLostTask(() -> receipt.complete(false));
		try {
			if (!receipt.get(15, TimeUnit.SECONDS)) {
				throw new IllegalStateException("no RECEIPT for " + what + "; errors: " + errors);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("no RECEIPT for " + what + "; errors: " + errors, ex);
		}
	}

	public boolean isConnected() {
		return session.isConnected();
	}

	/** Waits until the server has closed the connection. */
	public boolean awaitDisconnect(Duration timeout) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		while (session.isConnected() && System.nanoTime() < end) {
			Thread.sleep(20);
		}
		return !session.isConnected();
	}

	@Override
	public void close() {
		try {
			if (session.isConnected()) {
				session.disconnect();
			}
		}
		finally {
			client.stop();
		}
	}

	/** The events of one subscription, in arrival order. */
	public static final class Subscription implements StompFrameHandler {

		private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

		private StompSession.Subscription handle;

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return String.class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			events.add(JSON.readTree((String) payload));
		}

		/** The next event, or null after the timeout. */
		public JsonNode next(Duration timeout) throws InterruptedException {
			return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		/** The next event of the given type, skipping others; null after the timeout. */
		public JsonNode next(String type, Duration timeout) throws InterruptedException {
			long end = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < end) {
				JsonNode event = events.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
				if (event != null && type.equals(event.path("type").asString())) {
					return event;
				}
			}
			return null;
		}

		/**
		 * Collects events of the given type until {@code count} arrived or the timeout
		 * passed.
		 */
		public List<JsonNode> collect(String type, int count, Duration timeout) throws InterruptedException {
			List<JsonNode> collected = new ArrayList<>();
			long end = System.nanoTime() + timeout.toNanos();
			while (collected.size() < count && System.nanoTime() < end) {
				JsonNode event = events.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
				if (event != null && type.equals(event.path("type").asString())) {
					collected.add(event);
				}
			}
			return collected;
		}

		/** Collects any events until {@code count} arrived or the timeout passed. */
		public List<JsonNode> collectAny(int count, Duration timeout) throws InterruptedException {
			List<JsonNode> collected = new ArrayList<>();
			long end = System.nanoTime() + timeout.toNanos();
			while (collected.size() < count && System.nanoTime() < end) {
				JsonNode event = events.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
				if (event != null) {
					collected.add(event);
				}
			}
			return collected;
		}

		/** Everything received so far, without waiting. */
		public List<JsonNode> drain() {
			List<JsonNode> drained = new ArrayList<>();
			events.drainTo(drained);
			return drained;
		}

		public void unsubscribe() {
			handle.unsubscribe();
		}

	}

	private static final class Handler extends StompSessionHandlerAdapter {

		final List<String> errors = new ArrayList<>();

		volatile StompTestClient owner;

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return String.class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			record("ERROR " + headers.getFirst("message") + " " + payload);
		}

		@Override
		public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable exception) {
			record("EXCEPTION " + exception);
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			record("TRANSPORT " + exception);
		}

		private void record(String error) {
			errors.add(error);
			if (owner != null) {
				owner.errors.add(error);
			}
		}

	}

	/** Bodies as text in both directions, whatever their content type. */
	private static final class TextConverter implements MessageConverter {

		@Override
		public Object fromMessage(Message<?> message, Class<?> targetClass) {
			Object payload = message.getPayload();
			return payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : payload.toString();
		}

		@Override
		public Message<?> toMessage(Object payload, MessageHeaders headers) {
			byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
			return headers == null ? MessageBuilder.withPayload(bytes).build()
					: MessageBuilder.createMessage(bytes, headers);
		}

	}

	private static ThreadPoolTaskScheduler scheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setDaemon(true);
		scheduler.setThreadNamePrefix("stomp-test-");
		scheduler.initialize();
		return scheduler;
	}

}
