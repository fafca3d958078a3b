package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.RawStompSocket;
import dev.groupchat.support.RawStompSocket.Frame;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Protocol abuse through a bare WebSocket. Each refusal is an ERROR frame (closing the
 * connection) or an ERROR ack; and each time, a well-behaved client connected before it
 * still gets the next message: the server stays up and other sessions never notice.
 */
class StompBadInputTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	JdbcClient jdbc;

	private String owner;

	private String groupId;

	private StompTestClient bystander;

	private StompTestClient.Subscription bystanderTopic;

	@BeforeEach
	void aWellBehavedClientIsListening() {
		owner = user("owner");
		groupId = createGroup(owner, "CHAT");
		bystander = StompTestClient.connect(port, TestTokens.token(owner));
		bystanderTopic = bystander.subscribeAndAwait("/topic/group." + groupId);
	}

	@AfterEach
	void closeBystander() {
		bystander.close();
	}

	@Test
	void aFrameBeforeConnectIsRefusedAndTheConnectionClosed() throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(port)) {
			socket.send("SUBSCRIBE", Map.of("id", "s1", "destination", "/topic/group." + groupId), "");

			assertRefusedAndClosed(socket, 401);
		}
		assertOthersUnaffected();
	}

	@Test
	void connectWithoutATokenIsRefused() throws Exception {
		assertConnectRefused(null);
	}

	@Test
	void connectWithATokenOfAnotherSecretIsRefused() throws Exception {
		assertConnectRefused(TestTokens.token(user("forger"), Map.of(), Duration.ofHours(1),
				"not-the-secret-of-this-service-0123456789"));
	}

	@Test
	void connectWithAnExpiredTokenIsRefused() throws Exception {
		assertConnectRefused(TestTokens.token(user("late"), Map.of(), Duration.ofMinutes(-5), TestTokens.SECRET));
	}

	@Test
	void connectWithGarbageForATokenIsRefused() throws Exception {
		assertConnectRefused("not.a.jwt");
	}

	@Test
	void aFrameOver64KiBIsRefusedWith413() throws Exception {
		try (RawStompSocket socket = RawStompSocket.connected(port, TestTokens.token(owner))) {
			String body = "{\"clientMsgId\":\"huge\",\"type\":\"TEXT\",\"text\":\"" + "x".repeat(66 * 1024) + "\"}";
			socket.send("SEND",
					Map.of("destination", "/app/group." + groupId + ".send", "content-type", "application/json"), body);

			assertRefusedAndClosed(socket, 413);
		}
		assertThat(messageCount()).isZero();
		assertOthersUnaffected();
	}

	@Test
	void aFrameFarOverTheLimitClosesTheConnection() throws Exception {
		try (RawStompSocket socket = RawStompSocket.connected(port, TestTokens.token(owner))) {
			try {
				socket.send("SEND", Map.of("destination", "/app/group." + groupId + ".send"), "x".repeat(300 * 1024));
			}
			catch (RuntimeException ex) {
				// the server may close (1009, too big) while the frame is still being
				// written
			}

			assertThat(socket.awaitClosed(WAIT)).isTrue();
		}
		assertOthersUnaffected();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/group.*", "/topic/group.>", "/topic/other", "/topic/group.{UPPER}",
			"/topic/group.{ENCODED}", "/topic/group.{ID}.extra", "/topic/group.{ID}/", "/queue/group.{ID}",
			"/user/queue/other", "/app/group.{ID}.send", "/topic/group." })
	void subscribingToAnythingButAGroupTopicOrOwnQueueIsRefused(String template) throws Exception {
		String destination = template.replace("{UPPER}", groupId.toUpperCase())
			.replace("{ENCODED}", groupId.replace("-", "%2D"))
			.replace("{ID}", groupId);
		try (RawStompSocket socket = RawStompSocket.connected(port, TestTokens.token(owner))) {
			socket.send("SUBSCRIBE", Map.of("id", "s1", "destination", destination, "receipt", "r1"), "");

			Frame error = socket.next(WAIT);
			assertThat(error).as(destination).isNotNull();
			assertThat(error.command()).as(destination).isEqualTo("ERROR");
			assertThat(socket.awaitClosed(WAIT)).isTrue();
		}
		assertOthersUnaffected();
	}

	@Test
	void aSubscribeWithASelectorIsRefused() throws Exception {
		try (RawStompSocket socket = RawStompSocket.connected(port, TestTokens.token(owner))) {
			socket.send("SUBSCRIBE", Map.of("id", "s1", "destination", "/topic/group." + groupId, "selector",
					"type = 'message.created'"), "");

			assertRefusedAndClosed(socket, 400);
		}
		assertOthersUnaffected();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/group.{ID}", "/queue/x", "/user/queue/events", "/app/group.{ID}.delete",
			"/app/group.{ID}" })
	void sendingAnywhereButTheAppDestinationsIsRefused(String template) throws Exception {
		String destination = template.replace("{ID}", groupId);
		try (RawStompSocket socket = RawStompSocket.connected(port, TestTokens.token(owner))) {
			socket.send("SEND", Map.of("destination", destination, "content-type", "application/json"),
					"{\"type\":\"message.created\",\"seq\":999}");

			Frame error = socket.next(WAIT);
			assertThat(error).as(destination).isNotNull();
			assertThat(error.command()).as(destination).isEqualTo("ERROR");
			assertThat(socket.awaitClosed(WAIT)).isTrue();
		}
		assertThat(bystanderTopic.next(Duration.ofMillis(300))).as("nothing reached the topic").isNull();
		assertOthersUnaffected();
	}

	@Test
	void malformedJsonGetsAnErrorAckWithTheClientMsgIdWhenItCouldBeRead() throws Exception {
		try (RawStompSocket socket = connectedWithAcks()) {
			send(socket, "{\"clientMsgId\": \"broken-1\", \"type\": ");
			JsonNode broken = nextAck(socket);
			assertAckError(broken, 400);
			assertThat(broken.path("clientMsgId").isNull()).isTrue();

			send(socket, "{\"clientMsgId\": \"wrong-type-1\", \"type\": \"HOLOGRAM\", \"text\": \"hi\"}");
			JsonNode wrongType = nextAck(socket);
			assertAckError(wrongType, 400);
			assertThat(wrongType.path("clientMsgId").asString()).isEqualTo("wrong-type-1");

			for (String body : List.of("null", "[]", "42", "\"text\"", "")) {
				send(socket, body);
				assertAckError(nextAck(socket), 400);
			}
			assertThat(socket.isOpen()).as("a refused message is not a protocol error").isTrue();
		}
		assertThat(messageCount()).isZero();
		assertOthersUnaffected();
	}

	@Test
	void aMessageWithoutClientMsgIdOrWithTooLongATextGetsAnErrorAck() throws Exception {
		try (RawStompSocket socket = connectedWithAcks()) {
			send(socket, "{\"type\": \"TEXT\", \"text\": \"who am I\"}");
			assertAckError(nextAck(socket), 400);

			send(socket, "{\"clientMsgId\": \"long-1\", \"type\": \"TEXT\", \"text\": \"" + "x".repeat(4001) + "\"}");
			JsonNode tooLong = nextAck(socket);
			assertAckError(tooLong, 400);
			assertThat(tooLong.path("clientMsgId").asString()).isEqualTo("long-1");

			send(socket, "{\"clientMsgId\": \"sys-1\", \"type\": \"SYSTEM\", \"text\": \"I am the server\"}");
			assertAckError(nextAck(socket), 400);
		}
		assertThat(messageCount()).isZero();
		assertOthersUnaffected();
	}

	@Test
	void aReplyToTheSeqOfAnotherGroupIsRefusedAndNothingStored() throws Exception {
		String busyGroup = createGroup(owner, "CHAT");
		for (int i = 1; i <= 5; i++) {
			Api.Response posted = api.as(owner)
				.post("/api/v1/groups/" + busyGroup + "/messages",
						Map.of("clientMsgId", "busy-" + i, "type", "TEXT", "text", "busy " + i));
			assertThat(posted.status()).isEqualTo(201);
		}
		try (RawStompSocket socket = connectedWithAcks()) {
			send(socket, "{\"clientMsgId\": \"cross-1\", \"type\": \"TEXT\", \"text\": \"re\", \"replyToSeq\": 5}");

			JsonNode ack = nextAck(socket);
			assertAckError(ack, 400);
			assertThat(ack.path("clientMsgId").asString()).isEqualTo("cross-1");
		}
		assertThat(messageCount()).isZero();
		assertOthersUnaffected();
	}

	@Test
	void aSessionIsClosedWhenItsTokenExpires() throws Exception {
		String shortLived = TestTokens.token(owner, Map.of(), Duration.ofSeconds(2), TestTokens.SECRET);
		try (RawStompSocket socket = RawStompSocket.connected(port, shortLived)) {
			socket.send("SUBSCRIBE", Map.of("id", "s1", "destination", "/topic/group." + groupId, "receipt", "r1"), "");
			assertThat(socket.next("RECEIPT", WAIT)).isNotNull();

			Frame error = socket.next("ERROR", Duration.ofSeconds(6));
			assertThat(error).as("an ERROR once the token has expired").isNotNull();
			assertThat(error.json().path("status").asInt()).isEqualTo(401);
			assertThat(socket.awaitClosed(WAIT)).isTrue();
		}
		assertOthersUnaffected();
	}

	@Test
	void aSessionMayHoldAtMost200Subscriptions() throws Exception {
		try (RawStompSocket socket = RawStompSocket.connected(port, TestTokens.token(owner))) {
			StringBuilder frames = new StringBuilder();
			for (int i = 0; i < 200; i++) {
				frames.append("SUBSCRIBE\nid:s").append(i).append("\ndestination:/user/queue/events\n\n\0");
			}
			socket.sendRaw(frames.toString());
			socket.send("SUBSCRIBE", Map.of("id", "s200", "destination", "/topic/group." + groupId, "receipt", "r-201"),
					"");

			assertRefusedAndClosed(socket, 429);
		}
		assertOthersUnaffected();
	}

	@Test
	void aSubscriptionIdOver128CharactersIsRefused() throws Exception {
		try (RawStompSocket socket = RawStompSocket.connected(port, TestTokens.token(owner))) {
			socket.send("SUBSCRIBE",
					Map.of("id", "i".repeat(128), "destination", "/user/queue/events", "receipt", "r1"), "");
			assertThat(socket.next(WAIT).command()).as("128 characters are fine").isEqualTo("RECEIPT");

			socket.send("SUBSCRIBE", Map.of("id", "i".repeat(60_000), "destination", "/topic/group." + groupId), "");
			assertRefusedAndClosed(socket, 400);
		}
		assertOthersUnaffected();
	}

	@Test
	void aUserMayHoldAtMostTenSessionsAndTheEleventhConnectIsRefused() throws Exception {
		String many = user("many");
		List<RawStompSocket> sessions = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				sessions.add(RawStompSocket.connected(port, TestTokens.token(many)));
			}
			try (RawStompSocket eleventh = RawStompSocket.open(port)) {
				eleventh.sendConnect(TestTokens.token(many));
				assertRefusedAndClosed(eleventh, 429);
			}
			assertThat(sessions).as("the ten are kept").allMatch(RawStompSocket::isOpen);

			sessions.removeFirst().close();
			long end = System.nanoTime() + WAIT.toNanos();
			RawStompSocket again = null;
			while (again == null && System.nanoTime() < end) {
				try {
					again = RawStompSocket.connected(port, TestTokens.token(many));
				}
				catch (IllegalStateException ex) {
					Thread.sleep(200);
				}
			}
			assertThat(again).as("once one closed, a new session is accepted").isNotNull();
			sessions.add(again);
		}
		finally {
			sessions.forEach(RawStompSocket::close);
		}
		assertOthersUnaffected();
	}

	@Test
	void aFloodOfHandshakesFromOneAddressGets429BeforeTheUpgrade() throws Exception {
		Thread.sleep(2_500);
		List<Integer> statuses;
		try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Integer>> attempts = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				attempts.add(pool.submit(() -> dev.groupchat.support.RawWebSocket.handshakeStatus(port)));
			}
			statuses = new ArrayList<>();
			for (var attempt : attempts) {
				statuses.add(attempt.get(30, TimeUnit.SECONDS));
			}
		}
		assertThat(statuses).as("only upgrades and refusals").allMatch(s -> s == 101 || s == 429);
		assertThat(statuses.stream().filter(s -> s == 101).count()).as("a burst of twice the rate passes")
			.isGreaterThanOrEqualTo(100L);
		assertThat(statuses).as("the rest are refused").contains(429);

		Thread.sleep(2_500);
		assertThat(dev.groupchat.support.RawWebSocket.handshakeStatus(port)).as("a second later handshakes pass again")
			.isEqualTo(101);
		Thread.sleep(2_500);
		assertOthersUnaffected();
	}

	@Test
	void aNulInsideAHeaderIsRefusedAndNothingStored() throws Exception {
		try (RawStompSocket socket = connectedWithAcks()) {
			socket.sendRaw("SEND\ndestination:/app/group." + groupId + ".send\ncontent-type:application/json\n"
					+ "x-note:before\u0000after\n\n{\"clientMsgId\":\"nul-1\",\"type\":\"TEXT\",\"text\":\"hi\"}\0");

			assertRefusedAndClosed(socket, 400);
		}
		assertThat(messageCount()).isZero();
		assertOthersUnaffected();
	}

	@Test
	void aFrameWithMoreThan50HeadersIsRefusedAndNothingStored() throws Exception {
		try (RawStompSocket socket = connectedWithAcks()) {
			socket.sendRaw(sendWithHeaders(50, "fifty"));
			assertThat(nextAck(socket).path("status").asString()).as("50 headers are fine").isEqualTo("OK");
			assertThat(bystanderTopic.next("message.created", WAIT)).isNotNull();

			socket.sendRaw(sendWithHeaders(1_000, "thousand"));
			assertRefusedAndClosed(socket, 400);
		}
		assertThat(messageCount()).isEqualTo(1);
		assertOthersUnaffected();
	}

	@Test
	void invalidUtf8InABinaryFrameIsRefusedAndNothingStored() throws Exception {
		try (RawStompSocket socket = connectedWithAcks()) {
			ByteArrayOutputStream frame = new ByteArrayOutputStream();
			frame.writeBytes(("SEND\ndestination:/app/group." + groupId + ".send\ncontent-type:application/json\n\n"
					+ "{\"clientMsgId\":\"bin-1\",\"type\":\"TEXT\",\"text\":\"caf")
				.getBytes(StandardCharsets.UTF_8));
			frame.writeBytes(new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xFF });
			frame.writeBytes("\"}\0".getBytes(StandardCharsets.UTF_8));
			socket.sendBinary(frame.toByteArray());

			assertRefusedAndClosed(socket, 400);
		}
		assertThat(messageCount()).isZero();
		assertOthersUnaffected();
	}

	@Test
	void validUtf8InABinaryFrameIsAccepted() throws Exception {
		try (RawStompSocket socket = connectedWithAcks()) {
			socket.sendBinary(("SEND\ndestination:/app/group." + groupId + ".send\ncontent-type:application/json\n\n"
					+ "{\"clientMsgId\":\"bin-2\",\"type\":\"TEXT\",\"text\":\"café ☕\"}\0")
				.getBytes(StandardCharsets.UTF_8));

			JsonNode ack = nextAck(socket);
			assertThat(ack.path("status").asString()).as(ack.toString()).isEqualTo("OK");
			assertThat(ack.path("message").path("text").asString()).isEqualTo("café ☕");
		}
		assertThat(bystanderTopic.next("message.created", WAIT)).isNotNull();
		assertOthersUnaffected();
	}

	@Test
	void typingIsRateLimitedPerSessionAndTheExcessDropped() throws Exception {
		try (RawStompSocket socket = RawStompSocket.connected(port, TestTokens.token(owner))) {
			StringBuilder frames = new StringBuilder();
			for (int i = 0; i < 50; i++) {
				frames.append("SEND\ndestination:/app/group.").append(groupId).append(".typing\n\n{}\0");
			}
			socket.sendRaw(frames.toString());

			List<JsonNode> typing = bystanderTopic.collect("typing", 50, Duration.ofSeconds(3));
			assertThat(typing).as("a burst of 5 typing events, the rest dropped").hasSizeBetween(5, 8);
			assertThat(socket.isOpen()).as("typing too often is no protocol error").isTrue();
		}
		assertOthersUnaffected();
	}

	@Test
	void aReadThatDoesNotMoveTheMarkerIsNotBroadcast() throws Exception {
		String member = user("reader");
		addMember(groupId, owner, member);
		bystanderTopic.next("member.joined", WAIT);
		Api.Response posted = api.as(owner)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", "r-1", "type", "TEXT", "text", "read me"));
		long seq = posted.json().path("seq").asLong();
		bystanderTopic.next("message.created", WAIT);
		try (RawStompSocket socket = RawStompSocket.connected(port, TestTokens.token(member))) {
			String read = "SEND\ndestination:/app/group." + groupId
					+ ".read\ncontent-type:application/json\n\n{\"seq\":" + seq + "}\0";
			socket.sendRaw(read);
			assertThat(bystanderTopic.next("read", WAIT)).as("the marker moved").isNotNull();

			socket.sendRaw(read.repeat(5));
			socket.sendRaw(read.replace("{\"seq\":" + seq, "{\"seq\":0"));
			assertThat(bystanderTopic.next("read", Duration.ofSeconds(2))).as("the marker did not move").isNull();
			assertThat(socket.isOpen()).isTrue();
		}
		assertOthersUnaffected();
	}

	// --- helpers

	private void assertConnectRefused(String token) throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(port)) {
			socket.sendConnect(token);
			assertRefusedAndClosed(socket, 401);
		}
		assertOthersUnaffected();
	}

	private static void assertRefusedAndClosed(RawStompSocket socket, int status) throws InterruptedException {
		Frame error = socket.next(WAIT);
		assertThat(error).as("an ERROR frame").isNotNull();
		assertThat(error.command()).isEqualTo("ERROR");
		assertThat(error.headers()).containsKey("message");
		assertThat(error.json().path("status").asInt()).as(error.body()).isEqualTo(status);
		assertThat(error.json().path("type").asString()).startsWith("https://");
		assertThat(socket.awaitClosed(WAIT)).as("the server closes the connection").isTrue();
	}

	private RawStompSocket connectedWithAcks() throws InterruptedException {
		RawStompSocket socket = RawStompSocket.connected(port, TestTokens.token(owner));
		socket.send("SUBSCRIBE", Map.of("id", "acks", "destination", "/user/queue/acks", "receipt", "r-acks"), "");
		assertThat(socket.next("RECEIPT", WAIT)).isNotNull();
		return socket;
	}

	private void send(RawStompSocket socket, String body) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("destination", "/app/group." + groupId + ".send");
		headers.put("content-type", "application/json");
		socket.send("SEND", headers, body);
	}

	private static JsonNode nextAck(RawStompSocket socket) throws InterruptedException {
		Frame ack = socket.next(WAIT);
		assertThat(ack).as("an ack").isNotNull();
		assertThat(ack.command()).as(ack.toString()).isEqualTo("MESSAGE");
		assertThat(ack.headers().get("subscription")).isEqualTo("acks");
		return ack.json();
	}

	private static void assertAckError(JsonNode ack, int status) {
		assertThat(ack.path("status").asString()).as(ack.toString()).isEqualTo("ERROR");
		assertThat(ack.path("problem").path("status").asInt()).as(ack.toString()).isEqualTo(status);
	}

	/**
	 * The bystander, connected before the abuse, still gets a message posted after it.
	 */
	private void assertOthersUnaffected() throws InterruptedException {
		String clientMsgId = "after-" + UUID.randomUUID();
		Api.Response posted = api.as(owner)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", clientMsgId, "type", "TEXT", "text", "still here?"));
		assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
		JsonNode created = bystanderTopic.next("message.created", WAIT);
		assertThat(created).as("the well-behaved client still receives").isNotNull();
		assertThat(created.path("message").path("clientMsgId").asString()).isEqualTo(clientMsgId);
		assertThat(bystander.isConnected()).isTrue();
		assertThat(bystander.errors.poll(0, TimeUnit.MILLISECONDS)).isNull();
	}

	private String sendWithHeaders(int headers, String clientMsgId) {
		StringBuilder frame = new StringBuilder(
				"SEND\ndestination:/app/group." + groupId + ".send\ncontent-type:application/json\n");
		for (int i = 2; i < headers; i++) {
			frame.append("x-h").append(i).append(":v\n");
		}
		return frame.append("\n{\"clientMsgId\":\"")
			.append(clientMsgId)
			.append("\",\"type\":\"TEXT\",\"text\":\"hi\"}\0")
			.toString();
	}

	private long messageCount() {
		return jdbc.sql("select count(*) from message where group_id = ?::uuid")
			.param(groupId)
			.query(Long.class)
			.single();
	}

}
