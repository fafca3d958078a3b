package dev.groupchat.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.PackagedService;
import dev.groupchat.support.RawStompSocket;
import dev.groupchat.support.TestDatabase;
import dev.groupchat.support.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * SIGTERM to the packaged service while a client sends as fast as it can: every message
 * acked OK is stored, once, with contiguous seqs; every other answer is a "retry" (type
 * {@code unavailable}); the STOMP connection is closed with 1012 (service restart,
 * reconnect); the process is gone within 30 s.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShutdownDrainIT {

	private PackagedService service;

	@AfterEach
	void kill() throws Exception {
		if (service != null) {
			service.close();
		}
	}

	@Test
	void sigtermDuringABurstAcksWhatItStoredAndAsksClientsToReconnect() throws Exception {
		service = PackagedService.start(Map.of());
		int port = service.port();
		String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
		Api api = new Api(port).as(owner);
		Api.Response created = api.post("/api/v1/groups", Map.of("name", "Shutdown", "kind", "FAN"));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		String groupId = created.text("id");

		CompletableFuture<Integer> closeCode = idleSession(port, TestTokens.token(owner));
		RawStompSocket socket = RawStompSocket.connected(port, TestTokens.token(owner));
		socket.send("SUBSCRIBE", Map.of("id", "acks", "destination", "/user/queue/acks"), "");
		AtomicInteger sent = new AtomicInteger();
		Thread sender = Thread.ofVirtual().start(() -> burst(socket, groupId, sent));
		List<JsonNode> acks = new ArrayList<>();
		while (acks.size() < 100) {
			RawStompSocket.Frame frame = socket.next("MESSAGE", Duration.ofSeconds(10));
			assertThat(frame).as("ack " + acks.size()).isNotNull();
			acks.add(frame.json());
		}

		long sigterm = System.nanoTime();
		service.process().destroy();
		assertThat(socket.awaitClosed(Duration.ofSeconds(25))).as("the server closed the WebSocket").isTrue();
		assertThat(closeCode.get(5, TimeUnit.SECONDS)).as("close status of an idle session").isEqualTo(1012);
		assertThat(service.process().waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s of SIGTERM").isTrue();
		Duration exit = Duration.ofNanos(System.nanoTime() - sigterm);
		sender.join(5_000);
		for (RawStompSocket.Frame frame; (frame = socket.next("MESSAGE", Duration.ofMillis(100))) != null;) {
			acks.add(frame.json());
		}

		Map<String, String> answers = new LinkedHashMap<>();
		for (JsonNode ack : acks) {
			String status = ack.path("status").asString();
			if (status.equals("ERROR")) {
				assertThat(ack.path("problem").path("type").asString()).as(ack.toString())
					.isEqualTo(ProblemType.UNAVAILABLE.type().toString());
			}
			assertThat(answers.put(ack.path("clientMsgId").asString(), status)).as("one ack per send").isNull();
		}
		List<String> acked = answers.entrySet()
			.stream()
			.filter(e -> e.getValue().equals("OK"))
			.map(Map.Entry::getKey)
			.toList();
		List<Stored> stored = stored(groupId);
		assertThat(stored.stream().map(Stored::clientMsgId)).as("every OK-acked message is stored")
			.containsAll(acked)
			.doesNotHaveDuplicates();
		for (int i = 0; i < stored.size(); i++) {
			assertThat(stored.get(i).seq()).as("seqs contiguous").isEqualTo(i + 1);
		}
		assertThat(service.log()).as("shutdown log").contains("writer queue drained");
		System.out.printf("shutdown: sent %d, acked OK %d, retry %d, stored %d, exit %d ms%n", sent.get(), acked.size(),
				answers.size() - acked.size(), stored.size(), exit.toMillis());
	}

	/**
	 * A second session on the JDK's WebSocket client, which reports the close code as
	 * received.
	 */
	private static CompletableFuture<Integer> idleSession(int port, String token) throws Exception {
		CompletableFuture<Integer> closed = new CompletableFuture<>();
		CompletableFuture<Void> connected = new CompletableFuture<>();
		WebSocket ws = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("v12.stomp")
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
					if (data.toString().startsWith("CONNECTED")) {
						connected.complete(null);
					}
					socket.request(1);
					return null;
				}

				@Override
				public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
					closed.complete(statusCode);
					return null;
				}

				@Override
				public void onError(WebSocket socket, Throwable error) {
					closed.completeExceptionally(error);
				}
			})
			.get(10, TimeUnit.SECONDS);
		ws.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nAuthorization:Bearer " + token + "\n\n\0", true);
		connected.get(10, TimeUnit.SECONDS);
		return closed;
	}

	private static void burst(RawStompSocket socket, String groupId, AtomicInteger sent) {
		for (int i = 0; i < 5_000 && socket.isOpen(); i++) {
			try {
				socket.send("SEND",
						Map.of("destination", "/app/group." + groupId + ".send", "content-type", "application/json"),
						"{\"clientMsgId\":\"m-" + i + "\",\"type\":\"TEXT\",\"text\":\"burst " + i + "\"}");
				sent.incrementAndGet();
				Thread.sleep(2);
			}
			catch (RuntimeException | InterruptedException ex) {
				return;
			}
		}
	}

	private record Stored(long seq, String clientMsgId) {
	}

	private static List<Stored> stored(String groupId) throws Exception {
		TestDatabase.Coordinates db = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
				PreparedStatement query = connection
					.prepareStatement("select seq, client_msg_id from message where group_id = ? order by seq")) {
			query.setObject(1, UUID.fromString(groupId));
			List<Stored> rows = new ArrayList<>();
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					rows.add(new Stored(result.getLong(1), result.getString(2)));
				}
			}
			return rows;
		}
	}

}
