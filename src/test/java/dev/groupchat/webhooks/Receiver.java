package dev.groupchat.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback standing in for an app's backend: it records every
 * request per path (headers and raw body) and answers 200, or what a path was scripted to
 * answer; a path set to hang accepts the request and never answers.
 */
final class Receiver implements AutoCloseable {

	/** One request as it arrived. */
	record Delivery(String webhookId, String signature, String contentType, String body) {
	}

	private final HttpServer server;

	private final Map<String, List<Delivery>> received = new ConcurrentHashMap<>();

	private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

	private final Set<String> hanging = ConcurrentHashMap.newKeySet();

	private final CountDownLatch released = new CountDownLatch(1);

	Receiver() {
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.createContext("/", this::handle);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	void script(String path, Integer... statuses) {
		scripts.put(path, new ArrayDeque<>(List.of(statuses)));
	}

	void hang(String path) {
		hanging.add(path);
	}

	List<Delivery> received(String path) {
		return List.copyOf(received.getOrDefault(path, List.of()));
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
			.add(new Delivery(exchange.getRequestHeaders().getFirst("Groupchat-Webhook-Id"),
					exchange.getRequestHeaders().getFirst("Groupchat-Signature"),
					exchange.getRequestHeaders().getFirst("Content-Type"), body));
		if (hanging.contains(path)) {
			try {
				released.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
			return;
		}
		Deque<Integer> script = scripts.get(path);
		Integer scripted = script == null ? null : script.poll();
		exchange.sendResponseHeaders(scripted == null ? 200 : scripted, -1);
		exchange.close();
	}

	@Override
	public void close() {
		released.countDown();
		server.stop(0);
	}

}
