package dev.groupchat.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.GroupFixture;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Shadow mute over REST and STOMP: an OWNER or ADMIN shadow-mutes a member, whose
 * messages then reach whole only themselves and the moderators; every other member gets a
 * placeholder in history, live and on resume, and their unread count skips them. The
 * muted member notices nothing.
 */
class ShadowMuteTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration QUIET = Duration.ofMillis(500);

	@Test
	void onlyModeratorsShadowMuteLowerRolesItIsAuditedAndShownToModeratorsOnly() {
		Group g = fanGroup();
		Api.Response muted = shadowMute(g.admin(), g, g.muted(), true);
		assertThat(muted.status()).as(muted.raw()).isEqualTo(200);
		assertThat(muted.json().path("shadowMuted").asBoolean()).isTrue();

		assertThat(shadowMute(g.member(), g, g.other(), true).status()).isEqualTo(403);
		assertThat(shadowMute(g.admin(), g, g.owner(), true).status()).as("not the owner").isEqualTo(403);
		String secondAdmin = user("admin2");
		addMember(g.id(), g.owner(), secondAdmin);
		makeAdmin(g.id(), g.owner(), secondAdmin);
		assertThat(shadowMute(g.admin(), g, secondAdmin, true).status()).as("not another admin").isEqualTo(403);
		assertThat(shadowMute(g.owner(), g, secondAdmin, true).status()).as("the owner may").isEqualTo(200);
		assertThat(shadowMute(g.muted(), g, g.muted(), false).status()).as("not oneself").isEqualTo(403);
		Api.Response bad = api.as(g.owner()).patch(members(g) + "/" + g.muted(), "{\"shadowMuted\": \"maybe\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.contentType()).startsWith("application/problem+json");

		assertThat(member(g.admin(), g, g.muted()).path("shadowMuted").asBoolean()).isTrue();
		assertThat(member(g.admin(), g, g.member()).path("shadowMuted").asBoolean()).isFalse();
		assertThat(member(g.member(), g, g.muted()).has("shadowMuted")).as("hidden from members").isFalse();
		assertThat(member(g.muted(), g, g.muted()).has("shadowMuted")).as("hidden from the member").isFalse();

		List<String> actions = new ArrayList<>();
		api.as(g.owner()).get("/api/v1/groups/" + g.id() + "/audit-log").json().path("items").forEach(e -> {
			if (e.path("action").asString().startsWith("member.shadow")) {
				actions.add(e.path("action").asString() + " " + e.path("targetId").asString() + " by "
						+ e.path("actorId").asString());
			}
		});
		assertThat(actions).containsExactly("member.shadow_muted " + secondAdmin + " by " + g.owner(),
				"member.shadow_muted " + g.muted() + " by " + g.admin());
		assertThat(shadowMute(g.admin(), g, g.muted(), false).json().path("shadowMuted").asBoolean()).isFalse();
	}

	@Test
	void historyGroupListAndUnreadCountsOfOtherMembersSkipShadowMessages() {
		Group g = fanGroup();
		shadowMute(g.owner(), g, g.muted(), true);
		long unreadBefore = unread(g.member(), g);
		long adminUnreadBefore = unread(g.admin(), g);

		long first = post(g.muted(), g, "shadow one");
		long second = post(g.muted(), g, "shadow two");

		JsonNode forMember = bySeq(history(g.member(), g), second);
		assertThat(forMember.path("hidden").asBoolean()).isTrue();
		assertThat(forMember.has("blocked")).as("says nothing about why").isFalse();
		assertThat(forMember.has("text")).isFalse();
		assertThat(history(g.member(), g).toString()).doesNotContain("shadow one", "shadow two");
		assertThat(bySeq(history(g.other(), g), first).path("hidden").asBoolean()).isTrue();
		assertThat(bySeq(history(g.admin(), g), first).path("text").asString()).isEqualTo("shadow one");
		assertThat(bySeq(history(g.owner(), g), second).path("text").asString()).isEqualTo("shadow two");
		JsonNode own = bySeq(history(g.muted(), g), second);
		assertThat(own.path("text").asString()).isEqualTo("shadow two");
		assertThat(own.has("hidden")).isFalse();
		assertThat(own.has("shadow")).isFalse();

		assertThat(unread(g.member(), g)).as("unread skips them").isEqualTo(unreadBefore);
		assertThat(unread(g.admin(), g)).isEqualTo(adminUnreadBefore + 2);
		JsonNode last = myGroup(g.member(), g).path("lastMessage");
		assertThat(last.path("seq").asLong()).isEqualTo(second);
		assertThat(last.path("hidden").asBoolean()).isTrue();
		assertThat(last.has("text")).isFalse();
		assertThat(myGroup(g.admin(), g).path("lastMessage").path("text").asString()).isEqualTo("shadow two");

		shadowMute(g.owner(), g, g.muted(), false);
		long after = post(g.muted(), g, "heard again");
		assertThat(bySeq(history(g.member(), g), after).path("text").asString()).isEqualTo("heard again");
		assertThat(bySeq(history(g.member(), g), first).path("hidden").asBoolean())
			.as("what was sent in the shadow stays there")
			.isTrue();
	}

	@Test
	void liveAShadowMessageReachesTheSenderAndModeratorsButNoOtherMember() throws Exception {
		Group g = fanGroup();
		shadowMute(g.admin(), g, g.muted(), true);
		try (StompTestClient member = StompTestClient.connect(port, TestTokens.token(g.member()));
				StompTestClient admin = StompTestClient.connect(port, TestTokens.token(g.admin()));
				StompTestClient sender = StompTestClient.connect(port, TestTokens.token(g.muted()))) {
			StompTestClient.Subscription toMember = member.subscribeAndAwait(topic(g));
			StompTestClient.Subscription toAdmin = admin.subscribeAndAwait(topic(g));
			StompTestClient.Subscription toSender = sender.subscribeAndAwait(topic(g));
			StompTestClient.Subscription acks = sender.subscribeAndAwait("/user/queue/acks");

			sender.sendAndAwait("/app/group." + g.id() + ".send",
					Map.of("clientMsgId", "shadow-1", "type", "TEXT", "text", "shadow over stomp"));
			JsonNode ack = acks.next(WAIT);
			assertThat(ack.path("status").asString()).isEqualTo("OK");
			assertThat(ack.path("message").path("text").asString()).isEqualTo("shadow over stomp");
			assertThat(ack.path("message").has("shadow")).isFalse();
			long seq = ack.path("message").path("seq").asLong();
			api.as(g.muted()).patch("/api/v1/groups/" + g.id() + "/messages/" + seq, Map.of("text", "shadow edited"));
			long visible = post(g.other(), g, "a normal message");

			List<JsonNode> memberEvents = untilCreated(toMember, 2);
			Thread.sleep(QUIET.toMillis());
			memberEvents.addAll(toMember.drain());
			List<JsonNode> created = ofType(memberEvents, "message.created");
			assertThat(created).extracting(e -> e.path("seq").asLong()).containsExactly(seq, visible);
			assertThat(created.getFirst().path("message").path("hidden").asBoolean()).isTrue();
			assertThat(created.getFirst().path("message").has("blocked")).isFalse();
			assertThat(memberEvents).extracting(e -> e.path("type").asString()).doesNotContain("message.edited");
			assertThat(memberEvents.toString()).doesNotContain("shadow over stomp", "shadow edited");

			List<JsonNode> adminEvents = untilCreated(toAdmin, 2);
			assertThat(ofType(adminEvents, "message.created").getFirst().path("message").path("text").asString())
				.isEqualTo("shadow over stomp");
			assertThat(adminEvents).extracting(e -> e.path("type").asString())
				.as("the moderators see the edit")
				.contains("message.edited");
			List<JsonNode> senderEvents = untilCreated(toSender, 2);
			assertThat(ofType(senderEvents, "message.created").getFirst().path("message").path("text").asString())
				.as("the sender sees nothing different")
				.isEqualTo("shadow over stomp");
			assertThat(senderEvents.toString()).doesNotContain("hidden");

			try (StompTestClient resumed = StompTestClient.connect(port, TestTokens.token(g.other()))) {
				StompTestClient.Subscription replay = resumed.subscribeAndAwait(topic(g),
						Map.of("resume-after-seq", Long.toString(seq - 1)));
				List<JsonNode> replayed = replay.collect("message.created", 2, WAIT);
				assertThat(replayed).extracting(e -> e.path("seq").asLong()).containsExactly(seq, visible);
				assertThat(replayed.getFirst().path("message").path("hidden").asBoolean()).isTrue();
				assertThat(replayed.toString()).doesNotContain("shadow");
			}
		}
	}

	@Test
	void aShadowMutedMembersTypingIsNotBroadcast() throws Exception {
		Group g = fanGroup();
		shadowMute(g.owner(), g, g.muted(), true);
		try (StompTestClient member = StompTestClient.connect(port, TestTokens.token(g.member()));
				StompTestClient muted = StompTestClient.connect(port, TestTokens.token(g.muted()));
				StompTestClient other = StompTestClient.connect(port, TestTokens.token(g.other()))) {
			StompTestClient.Subscription topic = member.subscribeAndAwait(topic(g));
			muted.sendAndAwait("/app/group." + g.id() + ".typing", Map.of());
			other.sendAndAwait("/app/group." + g.id() + ".typing", Map.of());

			assertThat(topic.next("typing", WAIT).path("userId").asString()).isEqualTo(g.other());
			Thread.sleep(QUIET.toMillis());
			assertThat(topic.drain()).extracting(e -> e.path("userId").asString()).doesNotContain(g.muted());
		}
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

	private Api.Response shadowMute(String by, Group g, String userId, boolean on) {
		return api.as(by).patch(members(g) + "/" + userId, Map.of("shadowMuted", on));
	}

	private JsonNode member(String viewer, Group g, String userId) {
		JsonNode items = api.as(viewer).get(members(g) + "?limit=200").json().path("items");
		return StreamSupport.stream(items.spliterator(), false)
			.filter(m -> m.path("userId").asString().equals(userId))
			.findFirst()
			.orElseThrow();
	}

	private long post(String userId, Group g, String text) {
		Api.Response sent = api.as(userId)
			.post("/api/v1/groups/" + g.id() + "/messages",
					Map.of("clientMsgId", "c-" + System.nanoTime(), "type", "TEXT", "text", text));
		assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
		return sent.json().path("seq").asLong();
	}

	private JsonNode history(String userId, Group g) {
		return api.as(userId).get("/api/v1/groups/" + g.id() + "/messages").json().path("messages");
	}

	private long unread(String userId, Group g) {
		return myGroup(userId, g).path("unreadCount").asLong();
	}

	private JsonNode myGroup(String userId, Group g) {
		JsonNode items = api.as(userId).get("/api/v1/groups").json().path("items");
		return StreamSupport.stream(items.spliterator(), false)
			.filter(x -> x.path("id").asString().equals(g.id()))
			.findFirst()
			.orElseThrow();
	}

	private static JsonNode bySeq(JsonNode messages, long seq) {
		return StreamSupport.stream(messages.spliterator(), false)
			.filter(m -> m.path("seq").asLong() == seq)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no seq " + seq + " in " + messages));
	}

	private static List<JsonNode> untilCreated(StompTestClient.Subscription subscription, int count)
			throws InterruptedException {
		List<JsonNode> all = new ArrayList<>();
		long end = System.nanoTime() + WAIT.toNanos();
		while (ofType(all, "message.created").size() < count && System.nanoTime() < end) {
			JsonNode event = subscription.next(Duration.ofMillis(200));
			if (event != null) {
				all.add(event);
			}
		}
		return all;
	}

	private static List<JsonNode> ofType(List<JsonNode> events, String type) {
		return events.stream().filter(e -> type.equals(e.path("type").asString())).toList();
	}

	private static String members(Group g) {
		return "/api/v1/groups/" + g.id() + "/members";
	}

	private static String topic(Group g) {
		return "/topic/group." + g.id();
	}

}
