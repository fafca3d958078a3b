import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One STOMP 1.2 client connection on the JDK WebSocket client (as bench/ does): CONNECT with a bearer
 * token, SUBSCRIBE, SEND; MESSAGE bodies go to {@link #onEvent} (topics) or {@link #onAck}
 * (/user/queue/acks). Records the close code the server sent. A connection opened with
 * {@code reading = false} stops reading after CONNECTED: a client whose socket buffers fill up.
 */
final class Stomp implements WebSocket.Listener {

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	volatile WebSocket ws;

	volatile Consumer<String> onEvent = s -> { };

	volatile Consumer<String> onAck = s -> { };

	final CompletableFuture<Void> connected = new CompletableFuture<>();

	/** The close code the server sent, or -1 for a transport error. */
	final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final boolean reading;

	private final StringBuilder partial = new StringBuilder();

	private CompletableFuture<?> chain = CompletableFuture.completedFuture(null);

	private Stomp(boolean reading) {
		this.reading = reading;
	}

	static Stomp open(String wsUrl, String token) {
		return open(wsUrl, token, true);
	}

	static Stomp open(String wsUrl, String token, boolean reading) {
		Stomp c = new Stomp(reading);
		try {
			c.ws = HTTP.newWebSocketBuilder().subprotocols("v12.stomp").connectTimeout(Duration.ofSeconds(5))
				.buildAsync(URI.create(wsUrl), c).get(10, java.util.concurrent.TimeUnit.SECONDS);
			if (token != null) {
				c.send("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0");
				c.connected.get(10, java.util.concurrent.TimeUnit.SECONDS);
			}
			return c;
		}
		catch (Exception ex) {
			c.abort();
			throw new IllegalStateException("STOMP connect to " + wsUrl + " failed: " + ex, ex);
		}
	}

	void subscribe(String id, String destination, String extraHeaders) {
		send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n" + extraHeaders + "\n\0");
	}

	void sendJson(String destination, String json) {
		send("SEND\ndestination:" + destination + "\ncontent-type:application/json\ncontent-length:"
				+ json.getBytes(StandardCharsets.UTF_8).length + "\n\n" + json + "\0");
	}

	synchronized void send(String text) {
		WebSocket w = ws;
		chain = chain.handle((x, t) -> null).thenCompose(x -> w.sendText(text, true));
	}

	boolean isOpen() {
		return !closed.isDone();
	}

	void abort() {
		WebSocket w = ws;
		if (w != null) {
			w.abort();
		}
		closed.complete(-1);
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		partial.append(data);
		if (last) {
			String all = partial.toString();
			partial.setLength(0);
			handle(all);
		}
		if (reading || !connected.isDone()) {
			webSocket.request(1);
		}
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		webSocket.request(1);
		return null;
	}

	private void handle(String text) {
		int pos = 0;
		while (pos < text.length()) {
			while (pos < text.length() && (text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
				pos++;
			}
			if (pos >= text.length()) {
				return;
			}
			int end = text.indexOf('\0', pos);
			end = end < 0 ? text.length() : end;
			frame(text.substring(pos, end));
			pos = end + 1;
		}
	}

	private void frame(String frame) {
		int blank = frame.indexOf("\n\n");
		String head = blank < 0 ? frame : frame.substring(0, blank);
		String body = blank < 0 ? "" : frame.substring(blank + 2);
		if (head.startsWith("CONNECTED")) {
			connected.complete(null);
		}
		else if (head.startsWith("MESSAGE")) {
			if (head.contains("\ndestination:/user/queue/acks")) {
				onAck.accept(body);
			}
			else {
				onEvent.accept(body);
			}
		}
		else if (head.startsWith("ERROR")) {
			connected.completeExceptionally(new IllegalStateException("STOMP ERROR " + body));
		}
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		closed.complete(statusCode);
		connected.completeExceptionally(new IllegalStateException("closed " + statusCode));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		closed.complete(-1);
		connected.completeExceptionally(error);
	}

}
