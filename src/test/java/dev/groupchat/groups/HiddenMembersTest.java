package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.GroupFixture;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The hidden member list: with {@code hiddenMembers} on, a MEMBER sees only the OWNER,
 * the ADMINs and themselves, over REST (list, search, invite "who joined") and live
 * (member and read events), while the group still shows its member count. A FAN group
 * with a member of age band 16-17 hides its list by itself; a CHAT group does not.
 */
class HiddenMembersTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Map<String, Object> MINOR = Map.of("age_band", "16-17");

	@Test
	void aHiddenMemberListIsHiddenFromMembersButNotFromModerators() {
		Fan g = fanGroup();
		JsonNode before = group(g.member(), g.id());
		assertThat(before.path("hiddenMembers").asBoolean()).isFalse();
		assertThat(before.path("hiddenMembersSource").asString()).isEqualTo("AUTOMATIC");
		assertThat(memberIds(g.member(), g.id(), "")).containsExactly(g.owner(), g.admin(), g.member(), g.other());

		Api.Response set = api.as(g.admin()).patch(path(g.id()), Map.of("hiddenMembers", true));
		assertThat(set.status()).as(set.raw()).isEqualTo(200);
		assertThat(set.json().path("hiddenMembers").asBoolean()).isTrue();
		assertThat(set.json().path("hiddenMembersSource").asString()).isEqualTo("SETTING");

		assertThat(memberIds(g.member(), g.id(), "")).as("the moderators and oneself")
			.containsExactly(g.owner(), g.admin(), g.member());
		assertThat(memberIds(g.other(), g.id(), "")).containsExactly(g.owner(), g.admin(), g.other());
		assertThat(memberIds(g.member(), g.id(), "?q=" + g.other())).as("search finds nobody hidden").isEmpty();
		assertThat(memberIds(g.member(), g.id(), "?q=" + g.member())).as("one's own membership")
			.containsExactly(g.member());
		assertThat(memberIds(g.member(), g.id(), "?limit=1")).containsExactly(g.owner());
		JsonNode member = group(g.member(), g.id());
		assertThat(member.path("memberCount").asInt()).as("the count stays").isEqualTo(4);
		assertThat(member.path("hiddenMembers").asBoolean()).isTrue();
		assertThat(memberIds(g.admin(), g.id(), "")).containsExactly(g.owner(), g.admin(), g.member(), g.other());
		assertThat(memberIds(g.owner(), g.id(), "?q=" + g.other())).containsExactly(g.other());

		Api.Response refused = api.as(g.member()).patch(path(g.id()), Map.of("hiddenMembers", false));
		assertThat(refused.status()).isEqualTo(403);
		Api.Response bad = api.as(g.owner()).patch(path(g.id()), "{\"hiddenMembers\": \"maybe\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.contentType()).startsWith("application/problem+json");
		assertThat(group(g.owner(), g.id()).path("hiddenMembers").asBoolean()).as("changed nothing").isTrue();

		String stranger = user("stranger");
		Map<String, Object> mute = Map.of("mutedUntil", Instant.now().plus(1, ChronoUnit.HOURS).toString());
		assertThat(List.of(api.as(g.member()).patch(path(g.id()) + "/members/" + g.other(), mute).status(),
				api.as(g.member()).patch(path(g.id()) + "/members/" + stranger, mute).status(),
				api.as(g.member()).delete(path(g.id()) + "/members/" + g.other()).status(),
				api.as(g.member()).delete(path(g.id()) + "/members/" + stranger).status()))
			.as("a member cannot tell a member from a stranger by probing")
			.containsOnly(403);

		List<Integer> mentions = List.of(mention(g.member(), g.id(), g.other()), mention(g.member(), g.id(), stranger));
		assertThat(mentions).as("nor by mentioning them").containsOnly(201);
		assertThat(mention(g.admin(), g.id(), stranger)).as("moderators see the list: refused as before")
			.isEqualTo(400);

		configure(g.id(), g.owner(), Map.of("hiddenMembers", false));
		assertThat(memberIds(g.member(), g.id(), "")).containsExactly(g.owner(), g.admin(), g.member(), g.other());
		assertThat(mention(g.member(), g.id(), stranger)).as("a visible list refuses non-members").isEqualTo(400);
	}

	private int mention(String sender, String groupId, String mentioned) {
		return api.as(sender)
			.post(path(groupId) + "/messages",
					Map.of("clientMsgId", "c-" + UUID.randomUUID(), "type", "TEXT", "text", "hi", "mentions",
							List.of(mentioned)))
			.status();
	}

	@Test
	void aFanGroupWithAMemberAged16To17HidesItsListByItself() {
		Fan g = fanGroup();
		String minor = user("minor");
		assertThat(api.as(minor, MINOR).get("/api/v1/groups").status()).isEqualTo(200);
		addMember(g.id(), g.owner(), minor);

		JsonNode hidden = group(g.member(), g.id());
		assertThat(hidden.path("hiddenMembers").asBoolean()).isTrue();
		assertThat(hidden.path("hiddenMembersSource").asString()).isEqualTo("AUTOMATIC");
		assertThat(memberIds(g.member(), g.id(), "")).doesNotContain(minor, g.other());
		assertThat(memberIds(g.member(), g.id(), "?q=minor")).isEmpty();
		assertThat(memberIds(minor, g.id(), "")).containsExactly(g.owner(), g.admin(), minor);
		assertThat(memberIds(g.admin(), g.id(), "?q=minor")).containsExactly(minor);

		configure(g.id(), g.owner(), Map.of("hiddenMembers", false));
		assertThat(memberIds(g.member(), g.id(), "")).as("an explicit false overrides").contains(minor);
		Api.Response automatic = api.as(g.admin()).patch(path(g.id()), "{\"hiddenMembers\": null}");
		assertThat(automatic.status()).as(automatic.raw()).isEqualTo(200);
		assertThat(automatic.json().path("hiddenMembers").asBoolean()).isTrue();
		assertThat(automatic.json().path("hiddenMembersSource").asString()).isEqualTo("AUTOMATIC");
		assertThat(memberIds(g.member(), g.id(), "")).doesNotContain(minor);

		assertThat(api.as(minor, MINOR).delete(path(g.id()) + "/members/me").status()).isEqualTo(204);
		assertThat(group(g.member(), g.id()).path("hiddenMembers").asBoolean()).as("no 16-17 member left").isFalse();
		assertThat(memberIds(g.member(), g.id(), "")).contains(g.other());
	}

	@Test
	void aChatGroupIsUnaffectedByDefaultAndWhenHiddenWritesNoJoinMessages() {
		String owner = user("owner");
		String friend = user("friend");
		String minor = user("minor");
		api.as(minor, MINOR).get("/api/v1/groups");
		String id = createGroup(owner, "CHAT");
		addMember(id, owner, friend);
		addMember(id, owner, minor);
		JsonNode chat = group(friend, id);
		assertThat(chat.path("hiddenMembers").asBoolean()).isFalse();
		assertThat(chat.path("hiddenMembersSource").asString()).isEqualTo("AUTOMATIC");
		assertThat(memberIds(friend, id, "")).containsExactly(owner, friend, minor);

		configure(id, owner, Map.of("hiddenMembers", true));
		String code = api.as(friend).post(path(id) + "/invites", Map.of()).text("code");
		String newcomer = user("newcomer");
		assertThat(api.as(newcomer).post("/api/v1/invites/" + code + "/join", Map.of()).status()).isEqualTo(201);
		assertThat(memberIds(friend, id, "")).containsExactly(owner, friend);
		JsonNode joined = api.as(friend).get(path(id) + "/invites/" + code + "/members").json();
		assertThat(joined.path("items")).as("who joined with the friend's link is hidden too").isEmpty();
		assertThat(api.as(owner).get(path(id) + "/invites/" + code + "/members").json().path("items").toString())
			.contains(newcomer);
		JsonNode history = api.as(friend).get(path(id) + "/messages?afterSeq=0&limit=200").json().path("messages");
		assertThat(history.toString()).as("no SYSTEM message names the newcomer").doesNotContain(newcomer);
	}

	@Test
	void liveAMemberOfAHiddenGroupLearnsNoMemberIdsButModeratorsDo() throws Exception {
		Fan g = fanGroup();
		configure(g.id(), g.owner(), Map.of("hiddenMembers", true));
		String newcomer = user("newcomer");
		try (StompTestClient member = StompTestClient.connect(port, TestTokens.token(g.member()));
				StompTestClient admin = StompTestClient.connect(port, TestTokens.token(g.admin()))) {
			StompTestClient.Subscription toMember = member.subscribeAndAwait(topic(g.id()));
			StompTestClient.Subscription toAdmin = admin.subscribeAndAwait(topic(g.id()));

			addMember(g.id(), g.owner(), newcomer);
			long seq = postText(g.owner(), g.id(), "welcome");
			assertThat(api.as(newcomer).post(path(g.id()) + "/read", Map.of("seq", seq)).status()).isEqualTo(200);
			assertThat(api.as(g.admin())
				.patch(path(g.id()) + "/members/" + newcomer,
						Map.of("mutedUntil", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
				.status()).isEqualTo(200);
			assertThat(api.as(g.other()).post(path(g.id()) + "/read", Map.of("seq", seq)).status()).isEqualTo(200);
			assertThat(api.as(newcomer).delete(path(g.id()) + "/members/me").status()).isEqualTo(204);
			long last = postText(g.owner(), g.id(), "the end");

			List<JsonNode> adminEvents = until(toAdmin, last);
			assertThat(types(adminEvents, newcomer)).as("moderators still see everything")
				.contains("member.joined", "read", "member.updated", "member.left");
			assertThat(types(adminEvents, g.other())).contains("read");

			List<JsonNode> memberEvents = until(toMember, last);
			assertThat(memberEvents).extracting(e -> e.path("type").asString())
				.contains("message.created")
				.doesNotContain("member.joined", "member.left", "member.updated", "read");
			assertThat(memberEvents.toString()).as("no event names another member")
				.doesNotContain(newcomer)
				.doesNotContain(g.other());

			configure(g.id(), g.owner(), Map.of("hiddenMembers", false));
			String visible = user("visible");
			addMember(g.id(), g.owner(), visible);
			JsonNode joined = toMember.next("member.joined", WAIT);
			assertThat(joined).as("shown again once the list is visible").isNotNull();
			assertThat(joined.path("member").path("userId").asString()).isEqualTo(visible);
		}
	}

	/** The events up to the message.created of {@code lastSeq}. */
	private static List<JsonNode> until(StompTestClient.Subscription subscription, long lastSeq)
			throws InterruptedException {
		List<JsonNode> events = new ArrayList<>();
		long end = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < end) {
			JsonNode event = subscription.next(Duration.ofMillis(200));
			if (event == null) {
				continue;
			}
			events.add(event);
			if ("message.created".equals(event.path("type").asString()) && event.path("seq").asLong() == lastSeq) {
				return events;
			}
		}
		throw new AssertionError("message " + lastSeq + " never arrived; got " + events);
	}

	/** The types of the events that name {@code userId}. */
	private static List<String> types(List<JsonNode> events, String userId) {
		return events.stream()
			.filter(e -> e.toString().contains("\"" + userId + "\""))
			.map(e -> e.path("type").asString())
			.toList();
	}

	private Fan fanGroup() {
		GroupFixture f = fixture("FAN");
		Fan g = new Fan(f.owner(), f.admin(), f.member(), user("other"), f.groupId());
		addMember(g.id(), g.owner(), g.other());
		return g;
	}

	private record Fan(String owner, String admin, String member, String other, String id) {
	}

	private JsonNode group(String viewer, String groupId) {
		Api.Response got = api.as(viewer).get(path(groupId));
		assertThat(got.status()).as(got.raw()).isEqualTo(200);
		return got.json();
	}

	private List<String> memberIds(String viewer, String groupId, String query) {
		Api.Response listed = api.as(viewer).get(path(groupId) + "/members" + query);
		assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
		return StreamSupport.stream(listed.json().path("items").spliterator(), false)
			.map(m -> m.path("userId").asString())
			.toList();
	}

	private static String path(String groupId) {
		return "/api/v1/groups/" + groupId;
	}

	private static String topic(String groupId) {
		return "/topic/group." + groupId;
	}

}
