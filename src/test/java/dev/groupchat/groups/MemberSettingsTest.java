package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A member's own settings: defaults, mute representation, pin and archive in the group
 * list, live echo.
 */
class MemberSettingsTest extends EndToEndTest {

	@Test
	void defaultsAreAllInChatAndMentionsInFanGroups() {
		String alice = user("alice");
		String chat = createGroup(alice, "CHAT");
		String fan = createGroup(alice, "FAN");

		Map<String, JsonNode> settings = settingsByGroup(api.as(alice).get("/api/v1/groups"));

		assertThat(settings.get(chat).path("notify").asString()).isEqualTo("ALL");
		assertThat(settings.get(fan).path("notify").asString()).isEqualTo("MENTIONS");
		assertThat(settings.get(fan).path("pinned").asBoolean()).isFalse();
		assertThat(settings.get(fan).path("archived").asBoolean()).isFalse();
		assertThat(settings.get(fan).path("mutedNotificationsUntil").isNull()).isTrue();
	}

	@Test
	void muteIsATimeOrForeverOrNullAndBadValuesChangeNothing() {
		String alice = user("alice");
		String group = createGroup(alice, "CHAT");
		String until = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

		Api.Response timed = change(alice, group, Map.of("mutedNotificationsUntil", until, "notify", "MENTIONS"));
		assertThat(timed.status()).as(timed.raw()).isEqualTo(200);
		assertThat(timed.text("mutedNotificationsUntil")).isEqualTo(until);
		assertThat(timed.text("notify")).isEqualTo("MENTIONS");

		Api.Response forever = change(alice, group, Map.of("mutedNotificationsUntil", "forever"));
		assertThat(forever.text("mutedNotificationsUntil")).isEqualTo("forever");
		assertThat(forever.text("notify")).as("absent fields stay").isEqualTo("MENTIONS");

		Api.Response bad = change(alice, group, Map.of("mutedNotificationsUntil", "tomorrow-ish", "notify", "NONE"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.contentType()).startsWith("application/problem+json");
		Api.Response badLevel = change(alice, group, Map.of("notify", "SOMETIMES"));
		assertThat(badLevel.status()).isEqualTo(400);
		assertThat(settingsByGroup(api.as(alice).get("/api/v1/groups")).get(group)
			.path("mutedNotificationsUntil")
			.asString()).isEqualTo("forever");

		Map<String, Object> unmute = new HashMap<>();
		unmute.put("mutedNotificationsUntil", null);
		Api.Response unmuted = change(alice, group, unmute);
		assertThat(unmuted.json().path("mutedNotificationsUntil").isNull()).as(unmuted.raw()).isTrue();
		assertThat(unmuted.text("notify")).isEqualTo("MENTIONS");
	}

	@Test
	void pinnedComeFirstArchivedAreHiddenUntilANewMessage() {
		String alice = user("alice");
		String bob = user("bob");
		String first = createGroup(alice, "CHAT");
		String second = createGroup(alice, "CHAT");
		String third = createGroup(alice, "CHAT");
		addMember(second, alice, bob);
		addMember(third, alice, bob);

		change(alice, third, Map.of("pinned", true));
		change(alice, second, Map.of("archived", true));
		change(alice, first, Map.of("archived", true, "mutedNotificationsUntil", "forever"));

		assertThat(ids(api.as(alice).get("/api/v1/groups"))).containsExactly(third);
		assertThat(ids(api.as(alice).get("/api/v1/groups?archived=true"))).containsExactly(first, second);
		assertThat(pagedIds(alice, "/api/v1/groups?limit=1")).containsExactly(third);

		send(bob, second, "wake up");
		send(alice, first, "muted: stays archived");

		assertThat(ids(api.as(alice).get("/api/v1/groups"))).containsExactly(third, second);
		assertThat(ids(api.as(alice).get("/api/v1/groups?archived=true"))).containsExactly(first);
	}

	@Test
	void pagingWalksPinnedThenUnpinnedWithoutGapsOrRepeats() {
		String alice = user("alice");
		List<String> groups = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			groups.add(createGroup(alice, "CHAT"));
		}
		change(alice, groups.get(3), Map.of("pinned", true));
		change(alice, groups.get(1), Map.of("pinned", true));

		assertThat(pagedIds(alice, "/api/v1/groups?limit=2")).containsExactly(groups.get(1), groups.get(3),
				groups.get(0), groups.get(2), groups.get(4));
	}

	@Test
	void aChangeReachesTheMembersOtherSessionsOnly() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		try (StompTestClient phone = StompTestClient.connect(port, TestTokens.token(alice));
				StompTestClient bobs = StompTestClient.connect(port, TestTokens.token(bob))) {
			StompTestClient.Subscription mine = phone.subscribe("/user/queue/events");
			StompTestClient.Subscription his = bobs.subscribe("/user/queue/events");
			Thread.sleep(300);

			change(alice, group, Map.of("notify", "NONE", "pinned", true));

			JsonNode event = mine.next("member.settings", Duration.ofSeconds(10));
			assertThat(event).isNotNull();
			assertThat(event.path("groupId").asString()).isEqualTo(group);
			assertThat(event.path("settings").path("notify").asString()).isEqualTo("NONE");
			assertThat(event.path("settings").path("pinned").asBoolean()).isTrue();
			assertThat(his.next("member.settings", Duration.ofSeconds(1))).isNull();
		}
	}

	@Test
	void onlyMembersHaveSettings() {
		String alice = user("alice");
		String group = createGroup(alice, "FAN");
		assertThat(change(user("stranger"), group, Map.of("pinned", true)).status()).isEqualTo(404);
	}

	private Api.Response change(String userId, String groupId, Map<String, Object> body) {
		return api.as(userId).patch("/api/v1/groups/" + groupId + "/members/me/settings", body);
	}

	private void send(String userId, String groupId, String text) {
		Api.Response sent = api.as(userId)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", "c-" + System.nanoTime(), "type", "TEXT", "text", text));
		assertThat(sent.status()).as(sent.raw()).isIn(200, 201);
	}

	private static Map<String, JsonNode> settingsByGroup(Api.Response list) {
		assertThat(list.status()).as(list.raw()).isEqualTo(200);
		Map<String, JsonNode> found = new HashMap<>();
		list.json().path("items").forEach(item -> found.put(item.path("id").asString(), item.path("settings")));
		return found;
	}

	private static List<String> ids(Api.Response list) {
		assertThat(list.status()).as(list.raw()).isEqualTo(200);
		List<String> found = new ArrayList<>();
		list.json().path("items").forEach(item -> found.add(item.path("id").asString()));
		return found;
	}

	private List<String> pagedIds(String userId, String path) {
		List<String> found = new ArrayList<>();
		String next = path;
		while (next != null) {
			Api.Response page = api.as(userId).get(next);
			found.addAll(ids(page));
			String cursor = page.json().path("nextCursor").asString(null);
			next = cursor == null || cursor.isEmpty() ? null : path + "&cursor=" + cursor;
		}
		return found;
	}

}
