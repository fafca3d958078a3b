package dev.groupchat.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.RawStompSocket;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code groupchat.jwt.issuer} and {@code .audience} set, only tokens of that issuer
 * for that audience get in: REST answers 401, STOMP CONNECT an ERROR frame.
 */
@TestPropertySource(properties = { "groupchat.jwt.issuer=https://id.example.test", "groupchat.jwt.audience=groupchat" })
class TokenIssuerAudienceTest extends EndToEndTest {

	private static final String ISSUER = "https://id.example.test";

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void aTokenOfTheConfiguredIssuerForTheConfiguredAudienceIsAccepted() throws Exception {
		String token = token(Map.of("iss", ISSUER, "aud", List.of("other", "groupchat")));

		assertThat(api.withToken(token).get("/api/v1/groups").status()).isEqualTo(200);
		try (RawStompSocket socket = RawStompSocket.open(port)) {
			socket.sendConnect(token);
			assertThat(socket.next(WAIT).command()).isEqualTo("CONNECTED");
		}
	}

	@Test
	void aTokenWithoutIssuerOrAudienceOrWithOthersIsRefusedOverRestAndStomp() throws Exception {
		List<Map<String, Object>> wrong = List.of(Map.of("aud", "groupchat"), Map.of("iss", ISSUER),
				Map.of("iss", "https://evil.example.test", "aud", "groupchat"),
				Map.of("iss", ISSUER, "aud", "another"));
		for (Map<String, Object> claims : wrong) {
			String token = token(claims);
			assertThat(api.withToken(token).get("/api/v1/groups").status()).as(claims.toString()).isEqualTo(401);
			try (RawStompSocket socket = RawStompSocket.open(port)) {
				socket.sendConnect(token);
				RawStompSocket.Frame frame = socket.next(WAIT);
				assertThat(frame.command()).as(claims.toString()).isEqualTo("ERROR");
				assertThat(frame.json().path("status").asInt()).isEqualTo(401);
				assertThat(socket.awaitClosed(WAIT)).isTrue();
			}
		}
	}

	@Test
	void theTokenCommandSetsIssuerAndAudience() throws Exception {
		String token = TokenCommand.mint(user("cli"), Map.of("iss", ISSUER, "aud", "groupchat"), TestTokens.SECRET);
		String without = TokenCommand.mint(user("cli"), Map.of(), TestTokens.SECRET);

		assertThat(api.withToken(token).get("/api/v1/groups").status()).isEqualTo(200);
		assertThat(api.withToken(without).get("/api/v1/groups").status()).isEqualTo(401);
	}

	private static String token(Map<String, Object> claims) {
		return TestTokens.token(user("iss"), claims);
	}

}
