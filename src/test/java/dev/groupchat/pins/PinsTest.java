package dev.groupchat.pins;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Pins and the announcement over REST and STOMP: what OWNER and ADMIN may pin, the
 * limits, the group JSON's {@code announcement}, the SYSTEM messages, and
 * {@code pin.changed} reaching members and nobody who may not read the group.
 */
class PinsTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration QUIET = Duration.ofMillis(700);

	@Autowired
	JdbcClient jdbc;

	@Test
	void pinsAreListedAnnouncementFirstAndTheAnnouncementRidesOnTheGroupJson() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		long first = postText(owner, groupId, "rules: be kind");
		long second = postText(member, groupId, "a great clip");

		Api.Response pinned = api.as(owner).put(pins(groupId) + "/" + second, Map.of());
		assertThat(pinned.status()).as(pinned.raw()).isEqualTo(201);
		assertThat(pinned.json().path("seq").asLong()).isEqualTo(second);
		assertThat(pinned.json().path("pinnedBy").asString()).isEqualTo(owner);
		assertThat(pinned.json().path("pinnedAt").isString()).isTrue();
		assertThat(pinned.json().path("until").isNull()).isTrue();
		assertThat(pinned.json().path("announcement").asBoolean()).isFalse();
		assertThat(pinned.json().path("message").path("text").asString()).isEqualTo("a great clip");
		Api.Response announced = api.as(owner).put(pins(groupId) + "/" + first, Map.of("announcement", true));
		assertThat(announced.status()).as(announced.raw()).isEqualTo(201);

		Api.Response listed = api.as(member).get(pins(groupId));
		assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
		assertThat(seqs(listed.json().path("items"))).containsExactly(first, second);
		assertThat(listed.json().path("items").get(0).path("announcement").asBoolean()).isTrue();
		assertThat(listed.json().path("nextCursor").isNull()).isTrue();
		Api.Response group = api.as(member).get("/api/v1/groups/" + groupId);
		assertThat(group.json().path("announcement").path("seq").asLong()).isEqualTo(first);
		assertThat(group.json().path("announcement").path("text").asString()).isEqualTo("rules: be kind");
		assertThat(mine(member, groupId).path("announcement").path("seq").asLong()).isEqualTo(first);

		Api.Response moved = api.as(owner).put(pins(groupId) + "/" + second, Map.of("announcement", true));
		assertThat(moved.status()).as("a repeated PUT changes the pin").isEqualTo(200);
		assertThat(moved.json().path("pinnedAt").asString()).isEqualTo(pinned.json().path("pinnedAt").asString());
		List<JsonNode> items = list(member, groupId);
		assertThat(seqs(items)).containsExactly(second, first);
		assertThat(items).extracting(pin -> pin.path("announcement").asBoolean()).containsExactly(true, false);
		assertThat(api.as(member).get("/api/v1/groups/" + groupId).json().path("announcement").path("seq").asLong())
			.isEqualTo(second);
		assertThat(systemEvents(owner, groupId)).containsExactly("message.pinned " + second,
				"announcement.set " + first, "announcement.set " + second);
	}

	@Test
	void aGroupWithoutAnnouncementSaysNull() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		Api.Response group = api.as(owner).get("/api/v1/groups/" + groupId);
		assertThat(group.json().has("announcement")).isTrue();
		assertThat(group.json().path("announcement").isNull()).isTrue();
		assertThat(mine(owner, groupId).path("announcement").isNull()).isTrue();
		Api.Response created = api.as(owner).post("/api/v1/groups", Map.of("name", "New", "kind", "FAN"));
		assertThat(created.json().path("announcement").isNull()).isTrue();
	}

	@Test
	void anAdminPinsAMemberMayNotAndAReaderOfAPublicGroupSeesThePins() {
		GroupFixture f = fixture("FAN");
		String reader = user("reader");
		configure(f.groupId(), f.owner(), Map.of("visibility", "PUBLIC", "joinPolicy", "OPEN"));
		long seq = postText(f.member(), f.groupId(), "hello");

		Api.Response refused = api.as(f.member()).put(pins(f.groupId()) + "/" + seq, Map.of());
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text("type")).endsWith("/forbidden");
		assertThat(api.as(f.admin()).put(pins(f.groupId()) + "/" + seq, Map.of()).status()).isEqualTo(201);
		assertThat(seqs(list(reader, f.groupId()))).containsExactly(seq);
		assertThat(api.as(reader).put(pins(f.groupId()) + "/" + seq, Map.of()).status()).isEqualTo(403);
		assertThat(api.as(f.member()).delete(pins(f.groupId()) + "/" + seq).status()).isEqualTo(403);
		assertThat(seqs(list(reader, f.groupId()))).containsExactly(seq);
	}

	@Test
	void atMostTenPinsAndARepeatedPutAtTheLimitStillUpdates() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		List<Long> seqs = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			seqs.add(postText(owner, groupId, "message " + i));
		}
		for (int i = 0; i < 10; i++) {
			assertThat(api.as(owner).put(pins(groupId) + "/" + seqs.get(i), Map.of()).status()).isEqualTo(201);
		}

		Api.Response eleventh = api.as(owner).put(pins(groupId) + "/" + seqs.get(10), Map.of());

		assertThat(eleventh.status()).isEqualTo(409);
		assertThat(eleventh.contentType()).startsWith("application/problem+json");
		assertThat(eleventh.text("type")).endsWith("/conflict");
		assertThat(eleventh.text("detail")).contains("at most 10 pinned messages");
		assertThat(list(owner, groupId)).hasSize(10);
		assertThat(api.as(owner).put(pins(groupId) + "/" + seqs.get(3), Map.of("announcement", true)).status())
			.isEqualTo(200);
		assertThat(api.as(owner).delete(pins(groupId) + "/" + seqs.get(0)).status()).isEqualTo(204);
		assertThat(api.as(owner).put(pins(groupId) + "/" + seqs.get(10), Map.of()).status()).isEqualTo(201);
	}

	@Test
	void anExpiredPinIsNotListedAndNoLongerCountsAgainstTheLimit() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		String inAnHour = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
		List<Long> seqs = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			seqs.add(postText(owner, groupId, "message " + i));
		}
		Api.Response timed = api.as(owner)
			.put(pins(groupId) + "/" + seqs.get(0), Map.of("until", inAnHour, "announcement", true));
		assertThat(timed.status()).as(timed.raw()).isEqualTo(201);
		assertThat(timed.json().path("until").asString()).isEqualTo(inAnHour);
		for (int i = 1; i < 10; i++) {
			assertThat(api.as(owner).put(pins(groupId) + "/" + seqs.get(i), Map.of()).status()).isEqualTo(201);
		}
		// its time passes (moved back in the database rather than waited for)
		jdbc.sql("update message_pin set pinned_at = now() - interval '2 hours', until = now() - interval '1 second'"
				+ " where group_id = ?::uuid and seq = ?")
			.params(groupId, seqs.get(0))
			.update();

		assertThat(seqs(list(owner, groupId))).hasSize(9).doesNotContain(seqs.get(0));
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId).json().path("announcement").isNull()).isTrue();
		assertThat(api.as(owner).put(pins(groupId) + "/" + seqs.get(10), Map.of()).status()).isEqualTo(201);
	}

	@Test
	void refusesUntilInThePastAndMessagesThatAreGoneOrNeverWere() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		long kept = postText(owner, groupId, "kept");
		long recalled = postText(owner, groupId, "recalled");
		assertThat(api.as(owner).delete("/api/v1/groups/" + groupId + "/messages/" + recalled).status()).isEqualTo(200);

		Api.Response past = api.as(owner).put(pins(groupId) + "/" + kept, Map.of("until", "2020-01-01T00:00:00Z"));
		assertThat(past.status()).isEqualTo(400);
		assertThat(past.text("type")).endsWith("/validation");
		assertThat(past.json().path("errors").get(0).path("field").asString()).isEqualTo("until");
		assertThat(api.as(owner).put(pins(groupId) + "/" + kept, Map.of("until", "3026-01-01T00:00:00Z")).status())
			.isEqualTo(400);
		assertThat(api.as(owner).put(pins(groupId) + "/" + kept, Map.of("until", "soon")).status()).isEqualTo(400);
		assertThat(api.as(owner).put(pins(groupId) + "/" + recalled, Map.of()).status()).isEqualTo(404);
		assertThat(api.as(owner).put(pins(groupId) + "/" + (recalled + 100), Map.of()).status()).isEqualTo(404);
		assertThat(api.as(owner).put(pins(groupId) + "/0", Map.of()).status()).isEqualTo(404);
		assertThat(list(owner, groupId)).isEmpty();
		assertThat(systemEvents(owner, groupId)).isEmpty();
	}

	@Test
	void aMessagePastTheGroupsRetentionCannotBePinned() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		long old = postText(owner, groupId, "old news");
		configure(groupId, owner, Map.of("retentionDays", 30));
		jdbc.sql("update message set created_at = now() - interval '31 days' where group_id = ?::uuid and seq = ?")
			.params(groupId, old)
			.update();

		Api.Response refused = api.as(owner).put(pins(groupId) + "/" + old, Map.of());

		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.text("detail")).contains("retention");
	}

	@Test
	void aPinCanBePutWithoutABodyAndUnpinningTwiceIsHarmless() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		long seq = postText(owner, groupId, "pin me");
		Api.Response pinned = api.as(owner).send("PUT", pins(groupId) + "/" + seq, null, null);
		assertThat(pinned.status()).as(pinned.raw()).isEqualTo(201);

		assertThat(api.as(owner).delete(pins(groupId) + "/" + seq).status()).isEqualTo(204);
		assertThat(api.as(owner).delete(pins(groupId) + "/" + seq).status()).isEqualTo(204);

		assertThat(list(owner, groupId)).isEmpty();
		assertThat(systemEvents(owner, groupId)).containsExactly("message.pinned " + seq, "message.unpinned " + seq);
	}

	@Test
	void pinChangesReachMembersLiveAndNeverSomeoneWhoMayNotReadTheGroup() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String leaver = user("leaver");
		String outsider = user("outsider");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		addMember(groupId, owner, leaver);
		long seq = postText(member, groupId, "pin-worthy");
		try (StompTestClient memberClient = StompTestClient.connect(port, TestTokens.token(member));
				StompTestClient leaverClient = StompTestClient.connect(port, TestTokens.token(leaver));
				StompTestClient outsiderClient = StompTestClient.connect(port, TestTokens.token(outsider));
				StompTestClient outsiderProbe = StompTestClient.connect(port, TestTokens.token(outsider))) {
			StompTestClient.Subscription memberTopic = memberClient.subscribeAndAwait(topic(groupId));
			StompTestClient.Subscription leaverTopic = leaverClient.subscribeAndAwait(topic(groupId));
			StompTestClient.Subscription leaverEvents = leaverClient.subscribeAndAwait("/user/queue/events");
			StompTestClient.Subscription outsiderEvents = outsiderClient.subscribeAndAwait("/user/queue/events");
			StompTestClient.Subscription outsiderTopic = outsiderProbe.subscribe(topic(groupId));
			assertThat(outsiderProbe.errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
				.as("a non-member may not subscribe to a PRIVATE group")
				.startsWith("ERROR");
			assertThat(api.as(leaver).delete("/api/v1/groups/" + groupId + "/members/me").status()).isEqualTo(204);
			assertThat(leaverTopic.next("subscription.ended", WAIT)).isNotNull();

			assertThat(api.as(owner).put(pins(groupId) + "/" + seq, Map.of("announcement", true)).status())
				.isEqualTo(201);
			JsonNode pinned = memberTopic.next("pin.changed", WAIT);
			assertThat(api.as(owner).delete(pins(groupId) + "/" + seq).status()).isEqualTo(204);
			JsonNode unpinned = memberTopic.next("pin.changed", WAIT);

			assertThat(pinned).as("the member hears of the pin").isNotNull();
			assertThat(pinned.path("groupId").asString()).isEqualTo(groupId);
			assertThat(pinned.path("seq").asLong()).isEqualTo(seq);
			assertThat(pinned.path("change").asString()).isEqualTo("PINNED");
			assertThat(pinned.path("by").asString()).isEqualTo(owner);
			assertThat(pinned.path("announcementSeq").asLong()).isEqualTo(seq);
			assertThat(pinned.path("pin").path("announcement").asBoolean()).isTrue();
			assertThat(pinned.path("pin").path("message").path("text").asString()).isEqualTo("pin-worthy");
			assertThat(unpinned.path("change").asString()).isEqualTo("UNPINNED");
			assertThat(unpinned.path("pin").isNull()).isTrue();
			assertThat(unpinned.path("announcementSeq").isNull()).isTrue();
			Thread.sleep(QUIET.toMillis());
			List<JsonNode> leaked = new ArrayList<>();
			for (StompTestClient.Subscription stranger : List.of(leaverTopic, leaverEvents, outsiderEvents,
					outsiderTopic)) {
				leaked.addAll(stranger.drain());
			}
			assertThat(leaverClient.isConnected() && outsiderClient.isConnected())
				.as("their connections stay open, so the check below could see a leak")
				.isTrue();
			assertThat(leaked).as("nothing of the pins reaches who may not read the group")
				.noneMatch(event -> event.path("type").asString().startsWith("pin.")
						|| event.toString().contains("pin-worthy"));
		}
	}

	@Test
	void recallingAPinnedMessageRemovesThePinAndTheAnnouncement() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		long seq = postText(member, groupId, "soon gone");
		assertThat(api.as(owner).put(pins(groupId) + "/" + seq, Map.of("announcement", true)).status()).isEqualTo(201);
		try (StompTestClient ownerClient = StompTestClient.connect(port, TestTokens.token(owner))) {
			StompTestClient.Subscription ownerTopic = ownerClient.subscribeAndAwait(topic(groupId));

			assertThat(api.as(member).delete("/api/v1/groups/" + groupId + "/messages/" + seq).status()).isEqualTo(200);

			JsonNode removed = ownerTopic.next("pin.changed", WAIT);
			assertThat(removed).isNotNull();
			assertThat(removed.path("change").asString()).isEqualTo("MESSAGE_RECALLED");
			assertThat(removed.path("by").asString()).isEqualTo(member);
			assertThat(removed.path("announcementSeq").isNull()).isTrue();
		}
		assertThat(list(owner, groupId)).isEmpty();
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId).json().path("announcement").isNull()).isTrue();
		assertThat(mine(owner, groupId).path("announcement").isNull()).isTrue();
		assertThat(api.as(owner).put(pins(groupId) + "/" + seq, Map.of()).status()).isEqualTo(404);
	}

	@Test
	void theGroupListCarriesEachGroupsOwnAnnouncement() {
		String owner = user("owner");
		Map<String, Long> announced = new HashMap<>();
		for (int i = 0; i < 3; i++) {
			String groupId = createGroup(owner, "FAN");
			postText(owner, groupId, "filler");
			long seq = postText(owner, groupId, "announcement of group " + i);
			if (i < 2) {
				assertThat(api.as(owner).put(pins(groupId) + "/" + seq, Map.of("announcement", true)).status())
					.isEqualTo(201);
				announced.put(groupId, seq);
			}
			else {
				announced.put(groupId, null);
			}
		}
		JsonNode items = api.as(owner).get("/api/v1/groups?limit=2").json().path("items");
		String cursor = api.as(owner).get("/api/v1/groups?limit=2").text("nextCursor");
		List<JsonNode> all = new ArrayList<>();
		items.forEach(all::add);
		api.as(owner).get("/api/v1/groups?limit=2&cursor=" + cursor).json().path("items").forEach(all::add);

		assertThat(all).hasSize(3);
		for (JsonNode group : all) {
			Long expected = announced.get(group.path("id").asString());
			if (expected == null) {
				assertThat(group.path("announcement").isNull()).isTrue();
			}
			else {
				assertThat(group.path("announcement").path("seq").asLong()).isEqualTo(expected);
				assertThat(group.path("announcement").path("groupId").asString())
					.isEqualTo(group.path("id").asString());
			}
		}
	}

	@Test
	void theOpenApiDescriptionHasTheCallsAndTheAnnouncement() throws Exception {
		Api.Response docs = api.anonymous().get("/v3/api-docs");
		JsonNode paths = docs.json().path("paths");
		assertThat(paths.path("/api/v1/groups/{groupId}/pins/{seq}").has("put")).isTrue();
		assertThat(paths.path("/api/v1/groups/{groupId}/pins/{seq}").has("delete")).isTrue();
		assertThat(paths.path("/api/v1/groups/{groupId}/pins").has("get")).isTrue();
		assertThat(paths.path("/api/v1/groups/{groupId}/messages/{seq}/reach").has("get")).isTrue();
		JsonNode schemas = docs.json().path("components").path("schemas");
		for (String group : List.of("GroupDetails", "GroupSummary")) {
			assertThat(schemas.path(group).path("properties").path("announcement").path("$ref").asString())
				.as(group + ".announcement")
				.endsWith("/MessageView");
		}
		assertThat(schemas.path("PinView").path("properties").path("message").path("$ref").asString())
			.endsWith("/MessageView");
		assertThat(schemas.path("ReachView").path("properties").has("seenBy")).isTrue();
	}

	private List<JsonNode> list(String userId, String groupId) {
		Api.Response listed = api.as(userId).get(pins(groupId));
		assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
		List<JsonNode> items = new ArrayList<>();
		listed.json().path("items").forEach(items::add);
		return items;
	}

	private JsonNode mine(String userId, String groupId) {
		for (JsonNode group : api.as(userId).get("/api/v1/groups?limit=200").json().path("items")) {
			if (group.path("id").asString().equals(groupId)) {
				return group;
			}
		}
		throw new AssertionError("group " + groupId + " is not in the list of " + userId);
	}

	/** The group's SYSTEM messages about pins, as "event seq". */
	private List<String> systemEvents(String userId, String groupId) {
		List<String> events = new ArrayList<>();
		for (JsonNode message : api.as(userId)
			.get("/api/v1/groups/" + groupId + "/messages?afterSeq=0&limit=200")
			.json()
			.path("messages")) {
			JsonNode system = message.path("system");
			if (system.path("seq").isNumber()) {
				assertThat(system.path("actorId").asString()).isNotEmpty();
				events.add(system.path("event").asString() + " " + system.path("seq").asLong());
			}
		}
		return events;
	}

	private static List<Long> seqs(Iterable<JsonNode> items) {
		List<Long> seqs = new ArrayList<>();
		items.forEach(item -> seqs.add(item.path("seq").asLong()));
		return seqs;
	}

	private static String pins(String groupId) {
		return "/api/v1/groups/" + groupId + "/pins";
	}

	private static String topic(String groupId) {
		return "/topic/group." + groupId;
	}

}
