package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.RawStompSocket;
import dev.groupchat.support.RawStompSocket.Frame;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Protocol abuse through a bare WebSocket. Each refusal is an ERROR frame (closing the connection)
 * or an ERROR ack; and each time, a well-behaved client connected before it still gets the next
 * message: the server stays up and other sessions never notice.
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
			socket.send("SEND", Map.of("destination", "/app/group." + groupId + ".send", "content-type",
					"application/json"), body);

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
				// the server may close (1009, too big) while the frame is still being written
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
			Api.Response posted = api.as(owner).post("/api/v1/groups/" + busyGroup + "/messages",
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

	/** The bystander, connected before the abuse, still gets a message posted after it. */
	private void assertOthersUnaffected() throws InterruptedException {
		String clientMsgId = "after-" + UUID.randomUUID();
		Api.Response posted = api.as(owner).post("/api/v1/groups/" + groupId + "/messages",
				Map.of("clientMsgId", clientMsgId, "type", "TEXT", "text", "still here?"));
		assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
		JsonNode created = bystanderTopic.next("message.created", WAIT);
		assertThat(created).as("the well-behaved client still receives").isNotNull();
		assertThat(created.path("message").path("clientMsgId").asString()).isEqualTo(clientMsgId);
		assertThat(bystander.isConnected()).isTrue();
		assertThat(bystander.errors.poll(0, TimeUnit.MILLISECONDS)).isNull();
	}

	private long messageCount() {
		return jdbc.sql("select count(*) from message where group_id = ?::uuid").param(groupId).query(Long.class).single();
	}

}
