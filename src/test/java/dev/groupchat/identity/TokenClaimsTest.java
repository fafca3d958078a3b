package dev.groupchat.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.RawStompSocket;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The claims a token may carry: a {@code sub} that is a user id, and any {@code name},
 * kept short and clean.
 */
class TokenClaimsTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@ParameterizedTest
	@ValueSource(strings = { "Security notice: verify at evil.tld", "a b", "bob\u0000", "x/../y", "ünïcode" })
	void aSubThatIsNoUserIdIsRefusedOverRestAndStomp(String sub) throws Exception {
		String token = TestTokens.token(sub);

		assertThat(api.withToken(token).get("/api/v1/groups").status()).isEqualTo(401);
		try (RawStompSocket socket = RawStompSocket.open(port)) {
			socket.sendConnect(token);
			RawStompSocket.Frame frame = socket.next(WAIT);
			assertThat(frame.command()).isEqualTo("ERROR");
			assertThat(frame.json().path("status").asInt()).isEqualTo(401);
		}
	}

	@Test
	void subsOfTheDefaultRuleAreAccepted() {
		for (String sub : new String[] { "alice", "user:42", "a.b_c-d@idp", "x".repeat(64) }) {
			assertThat(api.withToken(TestTokens.token(sub)).get("/api/v1/groups").status()).as(sub).isEqualTo(200);
		}
	}

	@Test
	void aNameOver200CharactersIsCutTo200AndWorksOnEveryCall() {
		String owner = user("longname");
		Api caller = api.as(owner, Map.of("name", "N".repeat(500)));

		for (int call = 0; call < 2; call++) {
			Api.Response created = caller.post("/api/v1/groups", Map.of("name", "g", "kind", "CHAT"));
			assertThat(created.status()).as(created.raw()).isEqualTo(201);
			Api.Response members = caller.get("/api/v1/groups/" + created.text("id") + "/members");
			assertThat(members.json().path("items").get(0).path("name").asString()).isEqualTo("N".repeat(200));
		}
	}

	@Test
	void aNameWithANulCharacterIsKeptWithoutIt() {
		Api caller = api.as(user("nulname"), Map.of("name", "Al\u0000ice"));
		Api.Response created = caller.post("/api/v1/groups", Map.of("name", "g", "kind", "CHAT"));

		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		Api.Response members = caller.get("/api/v1/groups/" + created.text("id") + "/members");
		assertThat(members.json().path("items").get(0).path("name").asString()).isEqualTo("Alice");
	}

}
