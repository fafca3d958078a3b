package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One client connection on the JDK WebSocket client. In STOMP mode it speaks STOMP 1.2 (CONNECT with a
 * bearer token, SUBSCRIBE with receipts, SEND) and hands MESSAGE bodies to {@link #onMessage} (topics)
 * or {@link #onAck} (/user/queue/acks). In raw mode (the bare broadcast peer) every text is a message.
 */
final class Conn implements WebSocket.Listener {

	static final AtomicInteger CLOSED = new AtomicInteger();

	final boolean stomp;

	volatile WebSocket ws;

	volatile Consumer<String> onMessage = s -> { };

	volatile Consumer<String> onAck = s -> { };

	final CompletableFuture<Void> connected = new CompletableFuture<>();

	final CompletableFuture<Void> closed = new CompletableFuture<>();

	volatile String error;

	private final Map<String, CompletableFuture<Void>> receipts = new ConcurrentHashMap<>();

	private final AtomicInteger receiptIds = new AtomicInteger();

	private final StringBuilder partial = new StringBuilder();

	private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);

	private Conn(boolean stomp) {
		this.stomp = stomp;
	}

	/** Opens the socket; in STOMP mode also sends CONNECT. Completes when CONNECTED (or the socket, raw) arrives. */
	static CompletableFuture<Conn> open(HttpClient client, String url, boolean stomp, String token) {
		Conn c = new Conn(stomp);
		WebSocket.Builder b = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
		if (stomp) {
			b.subprotocols("v12.stomp");
		}
		return b.buildAsync(URI.create(url), c).thenCompose(ws -> {
			c.ws = ws;
			if (!stomp) {
				c.connected.complete(null);
				return CompletableFuture.completedFuture(c);
			}
			c.send("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\nAuthorization:Bearer " + token
					+ (BINARY ? "\ngroupchat-binary-frames:true" : "") + "\n\n\0");
			return c.connected.thenApply(x -> c);
		});
	}

	/** SUBSCRIBE with a receipt; completes when the RECEIPT arrives (the subscription is then live). */
	CompletableFuture<Void> subscribe(String destination) {
		String id = "r" + receiptIds.incrementAndGet();
		CompletableFuture<Void> f = new CompletableFuture<>();
		receipts.put(id, f);
		send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\nreceipt:" + id + "\n\n\0");
		return f;
	}

	CompletableFuture<?> sendStomp(String destination, String json) {
		return send("SEND\ndestination:" + destination + "\ncontent-type:application/json\ncontent-length:"
				+ json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\n\n" + json + "\0");
	}

	/** Sends text; sends are chained since the JDK client allows one outstanding send per socket. */
	synchronized CompletableFuture<?> send(String text) {
		WebSocket w = ws;
		sendChain = sendChain.handle((x, t) -> null).thenCompose(x -> w.sendText(text, true));
		return sendChain;
	}

	void abort() {
		WebSocket w = ws;
		if (w != null) {
			w.abort();
		}
	}

	boolean isOpen() {
		return !closed.isDone();
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		try {
			if (!last || partial.length() > 0) {
				partial.append(data);
				if (last) {
					String all = partial.toString();
					partial.setLength(0);
					handle(all);
				}
			}
			else {
				handle(data.toString());
			}
		}
		catch (RuntimeException ex) {
			error = String.valueOf(ex);
		}
		webSocket.request(1);
		return null;
	}

	/**
	 * Whether STOMP sessions ask for binary frames (the service then encodes a group's frame once for
	 * all of them); BENCH_TEXT_FRAMES=1 measures text frames, which it encodes once per session.
	 */
	static final boolean BINARY = !"1".equals(System.getenv("BENCH_TEXT_FRAMES"));

	private final java.io.ByteArrayOutputStream partialBytes = new java.io.ByteArrayOutputStream();

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		try {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			if (!last || partialBytes.size() > 0) {
				partialBytes.writeBytes(bytes);
				if (last) {
					String all = partialBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
					partialBytes.reset();
					handle(all);
				}
			}
			else {
				handle(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
			}
		}
		catch (RuntimeException ex) {
			error = String.valueOf(ex);
		}
		webSocket.request(1);
		return null;
	}

	private void handle(String text) {
		if (!stomp) {
			onMessage.accept(text);
			return;
		}
		int pos = 0;
		int n = text.length();
		while (pos < n) {
			while (pos < n && (text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
				pos++; // heart-beats
			}
			if (pos >= n) {
				return;
			}
			int end = text.indexOf('\0', pos);
			if (end < 0) {
				end = n;
			}
			frame(text, pos, end);
			pos = end + 1;
		}
	}

	private void frame(String text, int start, int end) {
		int eol = text.indexOf('\n', start);
		String command = text.substring(start, eol < 0 ? end : eol).trim();
		int headersEnd = text.indexOf("\n\n", start);
		if (headersEnd < 0 || headersEnd > end) {
			headersEnd = end;
		}
		switch (command) {
			case "MESSAGE" -> {
				String body = text.substring(Math.min(headersEnd + 2, end), end);
				int d = text.indexOf("\ndestination:", start);
				if (d >= 0 && d < headersEnd && text.startsWith("/user/queue/acks", d + 13)) {
					onAck.accept(body);
				}
				else {
					onMessage.accept(body);
				}
			}
			case "CONNECTED" -> connected.complete(null);
			case "RECEIPT" -> {
				String id = header(text, start, headersEnd, "receipt-id");
				CompletableFuture<Void> f = id == null ? null : receipts.remove(id);
				if (f != null) {
					f.complete(null);
				}
			}
			case "ERROR" -> {
				error = text.substring(start, Math.min(end, start + 600));
				RuntimeException ex = new IllegalStateException("STOMP ERROR: " + error);
				connected.completeExceptionally(ex);
				receipts.values().forEach(f -> f.completeExceptionally(ex));
			}
			default -> {
			}
		}
	}

	private static String header(String text, int start, int end, String name) {
		int i = text.indexOf("\n" + name + ":", start);
		if (i < 0 || i > end) {
			return null;
		}
		int v = i + name.length() + 2;
		int e = text.indexOf('\n', v);
		return text.substring(v, e < 0 || e > end ? end : e);
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		gone(new IllegalStateException("closed " + statusCode + " " + reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.error = String.valueOf(error);
		gone(error);
	}

	private void gone(Throwable t) {
		if (closed.complete(null)) {
			CLOSED.incrementAndGet();
		}
		connected.completeExceptionally(t);
		receipts.values().forEach(f -> f.completeExceptionally(t));
	}

	/** The nanoTime stamp in a body containing {@code bench@<nanos>@}, or -1. */
	static long stamp(String body) {
		int i = body.indexOf("bench@");
		if (i < 0) {
			return -1;
		}
		long v = 0;
		for (int p = i + 6; p < body.length(); p++) {
			char ch = body.charAt(p);
			if (ch < '0' || ch > '9') {
				break;
			}
			v = v * 10 + (ch - '0');
		}
		return v;
	}

}
