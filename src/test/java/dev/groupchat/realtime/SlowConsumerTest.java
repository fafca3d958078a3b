package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.RawWebSocket;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A subscriber that stops reading, in a group where others receive ~1 KiB messages at
 * ~100 a second, is closed within seconds (default settings), and the others go on
 * receiving every message in order. The messages enter the fan-out through the node's
 * event bus, as the relay puts them there after commit: a loaded test machine could not
 * store 100 a second over REST at a steady pace, and the fan-out is what is under test.
 */
class SlowConsumerTest extends EndToEndTest {

	private static final int RATE = 100;

	private static final int COUNT = RATE * 12;

	@Autowired
	StompEndpoint endpoint;

	@Autowired
	EventBus bus;

	@Test
	void aSubscriberThatStopsReadingIsClosedWithinSecondsAndTheOthersGetEverythingInOrder() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		List<String> members = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			members.add(user("member"));
			addMember(groupId, owner, members.getLast());
		}
		String slow = user("slow");
		addMember(groupId, owner, slow);
		List<StompTestClient> fast = new ArrayList<>();
		List<StompTestClient.Subscription> topics = new ArrayList<>();
		try (RawWebSocket stalled = RawWebSocket.open(port, 0)) {
			for (int i = 0; i < 3; i++) {
				fast.add(StompTestClient.connect(port, TestTokens.token(i == 0 ? owner : members.get(i - 1))));
				topics.add(fast.getLast().subscribeAndAwait("/topic/group." + groupId));
			}
			stalled.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer "
					+ TestTokens.token(slow) + "\n\n\0");
			assertThat(stalled.nextText(Duration.ofSeconds(10))).startsWith("CONNECTED");
			stalled.sendText("SUBSCRIBE\nid:t\ndestination:/topic/group." + groupId + "\nreceipt:r\n\n\0");
			assertThat(stalled.nextText(Duration.ofSeconds(10))).startsWith("RECEIPT");
			StompSession server = endpoint.sessions()
				.stream()
				.filter(s -> s.user() != null && s.user().id().equals(slow))
				.findFirst()
				.orElseThrow();
			// from here on the stalled client reads nothing

			long start = System.nanoTime();
			Duration closedAfter = null;
			String text = "x".repeat(1_000);
			UUID group = UUID.fromString(groupId);
			for (int i = 1; i <= COUNT; i++) {
				long wait = start + (i - 1) * 1_000_000_000L / RATE - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
				bus.publish(BusEvent.toGroup(group, i, "{\"type\":\"message.created\",\"groupId\":\"" + groupId
						+ "\",\"seq\":" + i + ",\"message\":{\"seq\":" + i + ",\"text\":\"" + text + "\"}}"));
				if (closedAfter == null && !endpoint.sessions().contains(server)) {
					closedAfter = Duration.ofNanos(System.nanoTime() - start);
				}
			}
			assertThat(closedAfter).as("the stalled subscriber was closed while the group talked").isNotNull();
			assertThat(closedAfter).as("within seconds").isLessThan(Duration.ofSeconds(11));
			assertThat(server.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER);

			for (StompTestClient.Subscription topic : topics) {
				List<JsonNode> received = topic.collect("message.created", COUNT, Duration.ofSeconds(30));
				assertThat(received).extracting(e -> e.path("message").path("seq").asLong())
					.as("every message, in order, once")
					.containsExactlyElementsOf(LongStream.rangeClosed(1, COUNT).boxed().toList());
			}
			assertThat(fast).allMatch(StompTestClient::isConnected);
		}
		finally {
			fast.forEach(StompTestClient::close);
		}
	}

}
