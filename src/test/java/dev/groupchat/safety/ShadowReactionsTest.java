package dev.groupchat.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.GroupFixture;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reactions of a shadow-muted member are as hidden as their messages: no other member
 * gets their live {@code reaction.changed} nor counts them in history; the reactor sees
 * their reaction counted, live and in history, and the OWNER and ADMINs see every
 * reaction counted.
 */
class ShadowReactionsTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration QUIET = Duration.ofMillis(700);

	private static final String THUMBS = "%F0%9F%91%8D";

	private static final String EMOJI = "👍";

	@Test
	void aShadowMutedMembersReactionReachesOnlyThemAndTheModerators() throws Exception {
		Group g = fanGroup();
		long seq = post(g.owner(), g, "react to me");
		shadowMute(g.owner(), g, g.muted(), true);
		try (StompTestClient member = StompTestClient.connect(port, TestTokens.token(g.member()));
				StompTestClient admin = StompTestClient.connect(port, TestTokens.token(g.admin()));
				StompTestClient muted = StompTestClient.connect(port, TestTokens.token(g.muted()))) {
			StompTestClient.Subscription toMember = member.subscribeAndAwait(topic(g));
			StompTestClient.Subscription toAdmin = admin.subscribeAndAwait(topic(g));
			StompTestClient.Subscription toMuted = muted.subscribeAndAwait(topic(g));

			Api.Response reacted = api.as(g.muted()).put(reaction(g, seq), null);

			assertThat(reacted.status()).as(reacted.raw()).isEqualTo(200);
			assertThat(reacted.json().path("reactions").path(EMOJI).asInt()).as("the reactor's answer counts it")
				.isEqualTo(1);
			JsonNode own = toMuted.next("reaction.changed", WAIT);
			assertThat(own).as("the reactor sees their reaction live").isNotNull();
			assertThat(own.path("count").asInt()).isEqualTo(1);
			assertThat(own.has("shadow")).as("nothing tells them").isFalse();
			JsonNode forAdmin = toAdmin.next("reaction.changed", WAIT);
			assertThat(forAdmin).as("a moderator sees it live").isNotNull();
			assertThat(forAdmin.path("count").asInt()).isEqualTo(1);
			assertThat(forAdmin.path("shadow").asBoolean()).isTrue();

			// a public reaction after it: the member's event is the last one on the topic
			assertThat(api.as(g.other()).put(reaction(g, seq), null).status()).isEqualTo(200);
			JsonNode visible = toMember.next("reaction.changed", WAIT);
			assertThat(visible).isNotNull();
			assertThat(visible.path("userId").asString()).as("the member's first reaction event").isEqualTo(g.other());
			assertThat(visible.path("count").asInt()).as("counted without the shadow reaction").isEqualTo(1);
			Thread.sleep(QUIET.toMillis());
			assertThat(toMember.drain()).as("the member never hears of the shadow reaction").isEmpty();
			assertThat(lastCount(toMuted)).as("the reactor's last event counts their own").isEqualTo(2);
			assertThat(lastCount(toAdmin)).as("a moderator's last event counts all").isEqualTo(2);
		}

		assertThat(countIn(g.member(), g, seq)).as("history of another member").isEqualTo(1);
		assertThat(countIn(g.muted(), g, seq)).as("history of the reactor").isEqualTo(2);
		assertThat(countIn(g.admin(), g, seq)).as("history of a moderator").isEqualTo(2);
		assertThat(countIn(g.owner(), g, seq)).isEqualTo(2);
		assertThat(api.as(g.member()).get(messages(g) + "?limit=50").raw()).doesNotContain(g.muted());
	}

	@Test
	void withdrawingAShadowReactionIsNotBroadcastAndTheMuteDoesNotRevealWhatWasHidden() throws Exception {
		Group g = fanGroup();
		long seq = post(g.owner(), g, "react to me");
		shadowMute(g.admin(), g, g.muted(), true);
		assertThat(api.as(g.muted()).put(reaction(g, seq), null).status()).isEqualTo(200);
		try (StompTestClient member = StompTestClient.connect(port, TestTokens.token(g.member()));
				StompTestClient muted = StompTestClient.connect(port, TestTokens.token(g.muted()))) {
			StompTestClient.Subscription toMember = member.subscribeAndAwait(topic(g));
			StompTestClient.Subscription toMuted = muted.subscribeAndAwait(topic(g));

			Api.Response withdrawn = api.as(g.muted()).delete(reaction(g, seq));

			assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(200);
			assertThat(withdrawn.json().path("reactions").has(EMOJI)).isFalse();
			JsonNode own = toMuted.next("reaction.changed", WAIT);
			assertThat(own).isNotNull();
			assertThat(own.path("added").asBoolean()).isFalse();
			assertThat(own.path("count").asInt()).isZero();
			Thread.sleep(QUIET.toMillis());
			assertThat(toMember.drain()).as("nothing reaches the member").isEmpty();
		}

		assertThat(api.as(g.muted()).put(reaction(g, seq), null).status()).isEqualTo(200);
		shadowMute(g.admin(), g, g.muted(), false);
		assertThat(countIn(g.member(), g, seq)).as("lifting the mute does not reveal it").isZero();
		assertThat(countIn(g.muted(), g, seq)).as("the reactor still sees it").isEqualTo(1);
		assertThat(api.as(g.member()).put(reaction(g, seq), null).json().path("reactions").path(EMOJI).asInt())
			.isEqualTo(1);
	}

	private static int lastCount(StompTestClient.Subscription subscription) throws InterruptedException {
		List<JsonNode> events = subscription.collect("reaction.changed", 10, Duration.ofMillis(500));
		assertThat(events).isNotEmpty();
		return events.getLast().path("count").asInt();
	}

	private int countIn(String viewer, Group g, long seq) {
		JsonNode messages = api.as(viewer).get(messages(g) + "?limit=50").json().path("messages");
		JsonNode message = StreamSupport.stream(messages.spliterator(), false)
			.filter(m -> m.path("seq").asLong() == seq)
			.findFirst()
			.orElseThrow();
		return message.path("reactions").path(EMOJI).asInt(0);
	}

	/** A FAN group: owner, an admin, two members and the member to be shadow-muted. */
	private Group fanGroup() {
		GroupFixture f = fixture("FAN");
		Group g = new Group(f.groupId(), f.owner(), f.admin(), f.member(), user("other"), user("muted"));
		addMember(g.id(), g.owner(), g.other());
		addMember(g.id(), g.owner(), g.muted());
		return g;
	}

	private record Group(String id, String owner, String admin, String member, String other, String muted) {
	}

	private void shadowMute(String by, Group g, String userId, boolean on) {
		Api.Response response = api.as(by)
			.patch("/api/v1/groups/" + g.id() + "/members/" + userId, Map.of("shadowMuted", on));
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
	}

	private long post(String userId, Group g, String text) {
		Api.Response sent = api.as(userId)
			.post(messages(g), Map.of("clientMsgId", "c-" + System.nanoTime(), "type", "TEXT", "text", text));
		assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
		return sent.json().path("seq").asLong();
	}

	private static String messages(Group g) {
		return "/api/v1/groups/" + g.id() + "/messages";
	}

	private static String reaction(Group g, long seq) {
		return messages(g) + "/" + seq + "/reactions/" + THUMBS;
	}

	private static String topic(Group g) {
		return "/topic/group." + g.id();
	}

}
