package dev.groupchat.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * With {@code logging.structured.format.console=ecs} (and the service's own loggers at
 * DEBUG), a REST send and a STOMP send log JSON lines that carry request id, user id and
 * group id, and the log holds neither the text that was sent nor the token that sent it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "logging.config=classpath:logback-structured-test.xml",
				"logging.structured.format.console=ecs" })
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest extends EndToEndTest {

	@Test
	void sendsLogTheirContextButNeverTheTextOrTheToken(CapturedOutput output) throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		String restText = "rest-secret-" + UUID.randomUUID();
		String stompText = "stomp-secret-" + UUID.randomUUID();
		String token = TestTokens.token(owner);

		Api.Response posted = api.withToken(token)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", "log-1", "type", "TEXT", "text", restText));
		assertThat(posted.status()).isEqualTo(201);
		assertThat(posted.headers().firstValue("X-Request-Id").orElse("")).isNotBlank();
		try (StompTestClient client = StompTestClient.connect(port, token)) {
			StompTestClient.Subscription acks = client.subscribeAndAwait("/user/queue/acks");
			client.sendAndAwait("/app/group." + groupId + ".send",
					Map.of("clientMsgId", "log-2", "type", "TEXT", "text", stompText));
			assertThat(acks.next(Duration.ofSeconds(10)).path("status").asString()).isEqualTo("OK");
		}

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut()).contains("\"message\":\"STOMP send answered OK\""));
		String log = output.getOut() + output.getErr();
		String restLine = line(log, "POST /api/v1/groups/{groupId}/messages answered 201");
		assertThat(restLine).startsWith("{")
			.contains("\"requestId\":\"" + posted.headers().firstValue("X-Request-Id").orElse("") + "\"")
			.contains("\"userId\":\"" + owner + "\"")
			.contains("\"groupId\":\"" + groupId + "\"");
		assertThat(line(log, "STOMP send answered OK")).startsWith("{")
			.contains("\"requestId\":\"")
			.contains("\"userId\":\"" + owner + "\"")
			.contains("\"groupId\":\"" + groupId + "\"");
		assertThat(log).doesNotContain(restText).doesNotContain(stompText).doesNotContain(token);
	}

	private static String line(String log, String message) {
		return log.lines()
			.filter(l -> l.contains(message))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no log line with " + message));
	}

}
