package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.RawStompSocket;
import dev.groupchat.support.RawStompSocket.Frame;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The opt-in at CONNECT ({@code groupchat-binary-frames:true}) for binary WebSocket
 * frames, which the service encodes once per group event instead of once per session: the
 * frames carry exactly what text frames carry (UTF-8 beyond ASCII included), a client
 * that does not ask keeps text frames, Spring's STOMP client reads them, and a session
 * that may not read the group gets nothing either way.
 */
class BinaryFramesTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Map<String, String> BINARY = Map.of("groupchat-binary-frames", "true");

	@Test
	void aSessionThatAsksGetsTheSameFramesAsBinaryOthersKeepText() throws Exception {
		String owner = user("owner");
		String binaryMember = user("binary");
		String textMember = user("text");
		String outsider = user("outsider");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, binaryMember);
		addMember(groupId, owner, textMember);
		String text = "Grüße aus Köln 👋 日本語も";
		try (RawStompSocket binary = RawStompSocket.open(port);
				RawStompSocket plain = RawStompSocket.open(port);
				RawStompSocket snoop = RawStompSocket.open(port)) {
			binary.sendConnect(TestTokens.token(binaryMember), BINARY);
			Frame connected = binary.next(WAIT);
			assertThat(connected.command()).isEqualTo("CONNECTED");
			assertThat(connected.binary()).isTrue();
			assertThat(connected.headers()).containsEntry("groupchat-binary-frames", "true");
			plain.sendConnect(TestTokens.token(textMember));
			Frame plainConnected = plain.next(WAIT);
			assertThat(plainConnected.binary()).isFalse();
			assertThat(plainConnected.headers()).doesNotContainKey("groupchat-binary-frames");
			snoop.sendConnect(TestTokens.token(outsider), BINARY);
			assertThat(snoop.next(WAIT).command()).isEqualTo("CONNECTED");

			for (RawStompSocket socket : new RawStompSocket[] { binary, plain, snoop }) {
				socket.send("SUBSCRIBE",
						Map.of("id", "sub-0", "destination", "/topic/group." + groupId, "receipt", "r"), "");
			}
			assertThat(binary.next("RECEIPT", WAIT).binary()).isTrue();
			assertThat(plain.next("RECEIPT", WAIT).binary()).isFalse();
			Frame refused = snoop.next(WAIT);
			assertThat(refused.command()).as("a non-member's SUBSCRIBE is refused in binary too").isEqualTo("ERROR");
			assertThat(refused.binary()).isTrue();

			long seq = postText(owner, groupId, text);

			Frame asBinary = binary.next("MESSAGE", WAIT);
			Frame asText = plain.next("MESSAGE", WAIT);
			assertThat(asBinary.binary()).isTrue();
			assertThat(asText.binary()).isFalse();
			assertThat(asBinary.body()).isEqualTo(asText.body());
			assertThat(asBinary.headers()).isEqualTo(asText.headers());
			assertThat(asBinary.json().path("seq").asLong()).isEqualTo(seq);
			assertThat(asBinary.json().path("message").path("text").asString()).isEqualTo(text);
			assertThat(snoop.next(Duration.ofMillis(500))).as("nothing reaches the outsider").isNull();
		}
	}

	@Test
	void springsStompClientReadsBinaryFrames() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(member), BINARY)) {
			StompTestClient.Subscription topic = client.subscribeAndAwait("/topic/group." + groupId);
			long seq = postText(owner, groupId, "über binary");
			assertThat(topic.next("message.created", WAIT).path("seq").asLong()).isEqualTo(seq);
		}
	}

}
