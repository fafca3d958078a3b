package dev.groupchat.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Data exports that download slowly must not starve the API of database connections: with
 * a pool of four, five clients that start an export of several megabytes and stop reading
 * leave every other call working. A user runs one export at a time.
 */
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=4",
		"spring.datasource.hikari.connection-timeout=2000" })
class ExportConnectionTest extends EndToEndTest {

	/**
	 * About 7 MB of JSON per user: far more than socket buffers hold, so an unread
	 * download blocks.
	 */
	private static final int MESSAGES = 5_000;

	private static final int SLOW_DOWNLOADS = 5;

	@Autowired
	JdbcClient jdbc;

	private final List<Socket> stalled = new ArrayList<>();

	@AfterEach
	void closeStalledDownloads() throws IOException {
		for (Socket socket : stalled) {
			socket.close();
		}
	}

	@Test
	void slowExportDownloadsLeaveTheApiWorkingAndAUserExportsOneAtATime() throws IOException {
		List<String> exporters = new ArrayList<>();
		for (int i = 0; i < SLOW_DOWNLOADS; i++) {
			exporters.add(userWithManyMessages());
		}
		for (String exporter : exporters) {
			stalled.add(startAndStopReading(exporter));
		}

		Api.Response second = api.as(exporters.getFirst()).get("/api/v1/me/export");
		assertThat(second.status()).as(second.raw()).isEqualTo(429);
		assertThat(second.contentType()).startsWith("application/problem+json");
		assertThat(second.text("type")).isEqualTo(ProblemType.RATE_LIMITED.type().toString());
		assertThat(second.headers().firstValue("Retry-After")).isPresent();

		for (int i = 0; i < 10; i++) {
			String someone = user("someone");
			long started = System.nanoTime();
			assertThat(api.as(someone).get("/api/v1/groups").status()).isEqualTo(200);
			assertThat(createGroup(someone, "CHAT")).isNotBlank();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
		}
	}

	@Test
	void aLargeExportIsCompleteAndTheUserMayExportAgainOnceItEnded() {
		String exporter = userWithManyMessages();

		JsonNode first = download(exporter);
		JsonNode again = download(exporter);

		for (JsonNode export : List.of(first, again)) {
			JsonNode messages = export.path("messages");
			assertThat(messages.size()).isEqualTo(MESSAGES);
			for (int i = 0; i < MESSAGES; i++) {
				assertThat(messages.get(i).path("seq").asLong()).isEqualTo(i + 1);
			}
			assertThat(export.path("memberships").size()).isEqualTo(1);
		}
	}

	@Test
	void anExportCutShortByTheClientFreesTheUsersTurn() throws IOException {
		String exporter = userWithManyMessages();
		Socket socket = startAndStopReading(exporter);

		socket.close();

		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> api.as(exporter).get("/api/v1/me/export").status() == 200);
	}

	private JsonNode download(String userId) {
		Api.Response export = api.as(userId).get("/api/v1/me/export");
		assertThat(export.status()).isEqualTo(200);
		return export.json();
	}

	/**
	 * A user in a group of their own with {@link #MESSAGES} messages of 1,000 characters.
	 */
	private String userWithManyMessages() {
		String userId = user("exporter");
		String groupId = createGroup(userId, "CHAT");
		jdbc.sql("""
				insert into message (group_id, seq, id, sender_id, client_msg_id, type, text, created_at)
				select :groupId, n, gen_random_uuid(), :userId, 'bulk-' || n, 'TEXT', repeat('x', 1000),
				       now() + n * interval '1 millisecond'
				  from generate_series(1, :count) n""")
			.param("groupId", UUID.fromString(groupId))
			.param("userId", userId)
			.param("count", MESSAGES)
			.update();
		jdbc.sql("update chat_group set last_seq = :count where id = :groupId")
			.param("groupId", UUID.fromString(groupId))
			.param("count", MESSAGES)
			.update();
		return userId;
	}

	/**
	 * Asks for an export, reads the status line, then reads nothing more: a stalled
	 * download.
	 */
	private Socket startAndStopReading(String userId) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
		socket.setSoTimeout(30_000);
		OutputStream out = socket.getOutputStream();
		out.write(("GET /api/v1/me/export HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ TestTokens.token(userId) + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		byte[] statusLine = in.readNBytes(12);
		assertThat(new String(statusLine, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
		return socket;
	}

}
