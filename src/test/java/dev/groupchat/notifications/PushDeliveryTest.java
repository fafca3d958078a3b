package dev.groupchat.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.groupchat.GroupchatApplication;
import dev.groupchat.support.Api;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes through a Matrix-style push gateway: a real HTTP server on loopback stands in
 * for it and records what it received; it answers 200 unless a pushkey was given other
 * answers. FCM is configured too (the context is shared with {@link FcmPushTest}); these
 * tests register GATEWAY devices only.
 */
class PushDeliveryTest extends PushEndToEndTest {

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcTemplate jdbc;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void anOfflineMemberGetsOnePushPerMessageAndAnOnlineMemberNone() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String carol = user("carol");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		addMember(group, alice, carol);
		String bobKey = register(bob, "phone");
		String carolKey = register(carol, "phone");
		String aliceKey = register(alice, "phone");
		try (StompTestClient online = StompTestClient.connect(port, TestTokens.token(carol))) {
			online.subscribe("/user/queue/events");
			Thread.sleep(300);

			// one at a time, each after the previous push went out: a message sent while
			// the
			// previous one still waits takes its place (the collapse test below)
			List<String> sent = new ArrayList<>();
			List<JsonNode> pushes = List.of();
			for (String text : List.of("one", "two", "three")) {
				sent.add(send(alice, group, text, List.of(), null));
				pushes = awaitItems(() -> GATEWAY.received(bobKey), sent.size());
			}
			Thread.sleep(1500);
			assertThat(GATEWAY.received(bobKey)).hasSize(3);
			assertThat(pushes).extracting(p -> p.path("event_id").asString()).containsExactlyInAnyOrderElementsOf(sent);
			JsonNode first = pushes.getFirst();
			assertThat(first.path("room_id").asString()).isEqualTo(group);
			assertThat(first.path("room_name").asString()).isEqualTo("Group of " + alice);
			assertThat(first.path("sender").asString()).isEqualTo(alice);
			assertThat(first.path("type").asString()).isEqualTo("m.room.message");
			assertThat(first.path("devices").get(0).path("app_id").asString()).isEqualTo("dev.groupchat");
			long badge = api.as(bob).get("/api/v1/groups").json().path("items").get(0).path("unreadCount").asLong();
			assertThat(pushes).extracting(p -> p.path("counts").path("unread").asLong())
				.as("badge = unread count")
				.contains(badge);
			assertThat(pushes).allSatisfy(p -> {
				assertThat(p.path("counts").path("unread").asLong()).isBetween(1L, badge);
				assertThat(p.path("devices").get(0).path("data").path("collapse_key").asString())
					.isEqualTo("group-" + group);
			});
			assertThat(pushes).extracting(p -> p.path("content").path("body").asString())
				.containsExactlyInAnyOrder("one", "two", "three");
			assertThat(GATEWAY.received(carolKey)).as("carol is online").isEmpty();
			assertThat(GATEWAY.received(aliceKey)).as("alice sent them").isEmpty();
		}
	}

	@Test
	void mentionsNoneAndMuteDecideWhoIsWoken() throws Exception {
		String alice = user("alice");
		String all = user("all");
		String mentions = user("mentions");
		String none = user("none");
		String muted = user("muted");
		String fan = user("fan");
		String group = createGroup(alice, "CHAT");
		for (String member : List.of(all, mentions, none, muted)) {
			addMember(group, alice, member);
		}
		settings(mentions, group, Map.of("notify", "MENTIONS"));
		settings(none, group, Map.of("notify", "NONE"));
		settings(muted, group, Map.of("mutedNotificationsUntil", "forever"));
		Map<String, String> keys = new HashMap<>();
		for (String member : List.of(all, mentions, none, muted)) {
			keys.put(member, register(member, "phone"));
		}

		Api.Response own = api.as(mentions)
			.post("/api/v1/groups/" + group + "/messages",
					Map.of("clientMsgId", "c-own", "type", "TEXT", "text", "my own"));
		String ownId = own.text("id");
		long ownSeq = own.json().path("seq").asLong();
		// one at a time, each after the last went out to "all" (who hears every one): a
		// message that comes while the previous push still waits would take its place
		awaitItems(() -> GATEWAY.received(keys.get(all)), 1);
		String plain = send(alice, group, "plain", List.of(), null);
		awaitItems(() -> GATEWAY.received(keys.get(all)), 2);
		String named = send(alice, group, "named", List.of(mentions, none, muted), null);
		awaitItems(() -> GATEWAY.received(keys.get(all)), 3);
		String everyone = send(alice, group, "everyone", List.of("@all"), null);
		awaitItems(() -> GATEWAY.received(keys.get(all)), 4);
		String reply = send(alice, group, "reply", List.of(), ownSeq);

		awaitItems(() -> GATEWAY.received(keys.get(all)), 5);
		Thread.sleep(1500);
		assertThat(eventIds(keys.get(all))).containsExactlyInAnyOrder(ownId, plain, named, everyone, reply);
		assertThat(eventIds(keys.get(mentions))).containsExactlyInAnyOrder(named, everyone, reply);
		assertThat(eventIds(keys.get(none))).as("NONE hears nothing, not even a mention").isEmpty();
		assertThat(eventIds(keys.get(muted))).as("a mute silences mentions too").isEmpty();

		String fanGroup = createGroup(alice, "FAN");
		addMember(fanGroup, alice, fan);
		String fanKey = register(fan, "phone");
		send(alice, fanGroup, "news for all fans", List.of(), null);
		String mention = send(alice, fanGroup, "hi fan", List.of(fan), null);
		awaitItems(() -> GATEWAY.received(fanKey), 1);
		Thread.sleep(1000);
		assertThat(eventIds(fanKey)).as("FAN groups default to MENTIONS").containsExactly(mention);
	}

	@Test
	void aBlockerIsNeverWokenByTheBlockedAndAShadowMessageWakesOnlyModerators() throws Exception {
		String alice = user("alice");
		String erin = user("erin");
		String bob = user("bob");
		String carol = user("carol");
		String dave = user("dave");
		String group = createGroup(alice, "CHAT");
		for (String member : List.of(erin, bob, carol, dave)) {
			addMember(group, alice, member);
		}
		makeAdmin(group, alice, erin);
		Map<String, String> keys = new HashMap<>();
		for (String member : List.of(alice, erin, bob, dave)) {
			keys.put(member, register(member, "phone"));
		}
		assertThat(api.as(bob).put("/api/v1/me/blocks/" + carol, null).status()).isEqualTo(204);

		Api.Response bobs = api.as(bob)
			.post("/api/v1/groups/" + group + "/messages",
					Map.of("clientMsgId", "c-bob", "type", "TEXT", "text", "bob asks"));
		// one at a time, each after the last went out (a push still waiting would take
		// the
		// next message's place): dave hears the first three, alice the shadow
		awaitEvent(keys.get(dave), bobs.text("id"));
		String mention = send(carol, group, "hey bob", List.of(bob), null);
		awaitEvent(keys.get(dave), mention);
		String reply = send(carol, group, "answering bob", List.of(), bobs.json().path("seq").asLong());
		awaitEvent(keys.get(dave), reply);
		Api.Response shadowed = api.as(alice)
			.patch("/api/v1/groups/" + group + "/members/" + carol, Map.of("shadowMuted", true));
		assertThat(shadowed.status()).as(shadowed.raw()).isEqualTo(200);
		String shadow = send(carol, group, "in the shadow", List.of(dave, bob), null);
		awaitEvent(keys.get(alice), shadow);
		String marker = send(alice, group, "marker", List.of(), null);

		awaitEvent(keys.get(dave), marker);
		awaitEvent(keys.get(bob), marker);
		awaitEvent(keys.get(erin), marker);
		awaitEvent(keys.get(alice), shadow);
		Thread.sleep(1500);
		assertThat(eventIds(keys.get(bob))).as("the blocker: nothing from carol, mention and reply included")
			.containsExactly(marker);
		assertThat(eventIds(keys.get(dave))).as("a member: carol's messages, none from the shadow")
			.containsExactlyInAnyOrder(bobs.text("id"), mention, reply, marker);
		assertThat(eventIds(keys.get(erin))).as("an admin hears the shadow")
			.containsExactlyInAnyOrder(bobs.text("id"), mention, reply, shadow, marker);
		assertThat(eventIds(keys.get(alice))).contains(shadow);
	}

	@Test
	void tenMessagesIntoOneGroupCollapseUnderOneKeyWithTheBadgeCountingUp() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String busy = createGroup(alice, "CHAT");
		String quiet = createGroup(alice, "CHAT");
		addMember(busy, alice, bob);
		addMember(quiet, alice, bob);
		String key = register(bob, "phone");

		List<String> texts = new ArrayList<>();
		// a provider taking 300 ms per push: the first is in flight while the rest arrive
		GATEWAY.delayMillis = 300;
		try {
			for (int i = 1; i <= 10; i++) {
				texts.add("busy " + i);
				send(alice, busy, "busy " + i, List.of(), null);
			}
			send(alice, quiet, "quiet", List.of(), null);

			awaitItems(() -> GATEWAY.received(key)
				.stream()
				.filter(p -> p.path("content").path("body").asString().equals("busy 10"))
				.toList(), 1);
			awaitItems(() -> GATEWAY.received(key)
				.stream()
				.filter(p -> p.path("room_id").asString().equals(quiet))
				.toList(), 1);
			Thread.sleep(1000);
		}
		finally {
			GATEWAY.delayMillis = 0;
		}
		List<JsonNode> pushes = GATEWAY.received(key);
		Map<String, List<JsonNode>> byKey = pushes.stream()
			.collect(Collectors.groupingBy(p -> p.path("devices").get(0).path("data").path("collapse_key").asString()));
		assertThat(byKey).as("one key per group: the phone shows one notification per group, replaced")
			.containsOnlyKeys("group-" + busy, "group-" + quiet);
		assertThat(byKey.get("group-" + busy))
			.as("a push not sent yet takes the newer message: fewer pushes than messages, none twice")
			.hasSizeBetween(1, 9)
			.allSatisfy(p -> assertThat(p.path("room_id").asString()).isEqualTo(busy))
			.extracting(p -> p.path("content").path("body").asString())
			.doesNotHaveDuplicates()
			.isSubsetOf(texts)
			.endsWith("busy 10");
		Map<String, Long> unread = unreadCounts(bob);
		assertThat(byKey.get("group-" + busy)).extracting(p -> p.path("counts").path("unread").asLong())
			.as("the badge of the busy group counts up to its unread count")
			.allSatisfy(badge -> assertThat(badge).isBetween(unread.get(busy) - 9, unread.get(busy)))
			.contains(unread.get(busy));
		assertThat(byKey.get("group-" + quiet)).singleElement()
			.satisfies(p -> assertThat(p.path("counts").path("unread").asLong()).isEqualTo(unread.get(quiet)));
	}

	@Test
	void messagesThatWaitedTogetherWakeEachMemberOnceWithTheNewestThatConcernsThem() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String mia = user("mia");
		String dave = user("dave");
		String other = createGroup(alice, "CHAT");
		addMember(other, alice, dave);
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		addMember(group, alice, mia);
		settings(mia, group, Map.of("notify", "MENTIONS"));
		String daveKey = register(dave, "phone");
		String bobKey = register(bob, "phone");
		String miaKey = register(mia, "phone");

		List<String> sent = new ArrayList<>();
		CountDownLatch hang = new CountDownLatch(1);
		GATEWAY.hang = hang;
		try {
			// the worker waits for the gateway's answer to dave's push, so the next five
			// messages wait in the outbox together, as a backlog does while sends come
			// first
			send(alice, other, "hold the worker", List.of(), null);
			awaitItems(() -> GATEWAY.received(daveKey), 1);
			for (int i = 1; i <= 5; i++) {
				sent.add(send(alice, group, "news " + i, i == 3 ? List.of(mia) : List.of(), null));
			}
		}
		finally {
			GATEWAY.hang = null;
			hang.countDown();
		}
		awaitItems(() -> GATEWAY.received(bobKey), 1);
		awaitItems(() -> GATEWAY.received(miaKey), 1);
		Thread.sleep(1500);
		long badge = unreadCounts(bob).get(group);
		assertThat(badge).isGreaterThanOrEqualTo(5);
		assertThat(GATEWAY.received(bobKey)).as("bob hears of everything: one push, for the newest message")
			.singleElement()
			.satisfies(p -> {
				assertThat(p.path("event_id").asString()).isEqualTo(sent.get(4));
				assertThat(p.path("counts").path("unread").asLong()).as("the badge").isEqualTo(badge);
			});
		assertThat(GATEWAY.received(miaKey)).as("mia hears of mentions only: one push, for the one mentioning her")
			.singleElement()
			.satisfies(p -> assertThat(p.path("event_id").asString()).isEqualTo(sent.get(2)));
	}

	@Test
	void twoNodesOnOneDatabaseShareTheOutboxAndSendNothingTwice() throws Exception {
		String alice = user("alice");
		String group = createGroup(alice, "FAN");
		List<String> keys = fansWithPhones(group, alice, 20, Map.of("notify", "ALL"));
		double sentHere = meters.counter("groupchat.push.sent").count();
		GATEWAY.delayMillis = 15;
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(GroupchatApplication.class)
			.properties("server.port=0", "groupchat.push.gateway-url=" + GATEWAY.url(),
					"groupchat.push.poll-interval=50ms", "groupchat.push.send-batch=5", "groupchat.push.expand-batch=5")
			.run()) {
			List<String> sent = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				sent.add(send(alice, group, "news " + i, List.of(), null));
			}

			String last = sent.getLast();
			for (String key : keys) {
				awaitItems(() -> GATEWAY.received(key)
					.stream()
					.filter(p -> p.path("event_id").asString().equals(last))
					.toList(), 1);
			}
			Thread.sleep(1500);
			int received = 0;
			for (String key : keys) {
				// a push not sent yet takes the newer message's place (one collapse key
				// per
				// group), so a device gets some of the ten, the last one always, none
				// twice
				assertThat(GATEWAY.received(key)).extracting(p -> p.path("event_id").asString())
					.as("no message twice to " + key)
					.doesNotHaveDuplicates()
					.isSubsetOf(sent)
					.contains(last);
				received += GATEWAY.received(key).size();
			}
			double bySecond = second.getBean(MeterRegistry.class).counter("groupchat.push.sent").count();
			double byFirst = meters.counter("groupchat.push.sent").count() - sentHere;
			assertThat(byFirst + bySecond).as("every push sent once, by one of the nodes").isEqualTo(received);
			assertThat(bySecond).as("the second node took a share (first sent %s)", byFirst).isPositive();
			assertThat(byFirst).as("the first node took a share (second sent %s)", bySecond).isPositive();
		}
		finally {
			GATEWAY.delayMillis = 0;
		}
	}

	@Test
	void aMemberOnlineOnAnotherNodeIsNotWokenAndADeadNodesSessionsDoNotCount() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String carol = user("carol");
		String ghost = user("ghost");
		String group = createGroup(alice, "CHAT");
		for (String member : List.of(bob, carol, ghost)) {
			addMember(group, alice, member);
		}
		String bobKey = register(bob, "phone");
		String carolKey = register(carol, "phone");
		String ghostKey = register(ghost, "phone");
		// a node that was killed 40 s ago, with ghost's session on it
		UUID deadNode = UUID.randomUUID();
		jdbc.update("insert into realtime_node values (?, now() - interval '1 hour', now() - interval '40 seconds')",
				deadNode);
		jdbc.update("insert into user_presence values (?, ?, now() - interval '1 hour')", ghost, deadNode);
		// node B: no push configured there, so this node (A) expands every message
		try (ConfigurableApplicationContext nodeB = new SpringApplicationBuilder(GroupchatApplication.class)
			.properties("server.port=0")
			.run();
				StompTestClient onB = StompTestClient.connect(
						Integer.parseInt(nodeB.getEnvironment().getProperty("local.server.port")),
						TestTokens.token(bob))) {
			onB.subscribe("/user/queue/events");
			awaitPresence(bob, 1);

			String first = send(alice, group, "bob is on node B", List.of(), null);

			awaitEvent(carolKey, first);
			awaitEvent(ghostKey, first);
			Thread.sleep(1000);
			assertThat(eventIds(bobKey)).as("bob has a session on node B").doesNotContain(first);
			assertThat(eventIds(carolKey)).containsExactly(first);

			onB.close();
			awaitPresence(bob, 0);
			String second = send(alice, group, "bob left node B", List.of(), null);
			awaitEvent(bobKey, second);
			assertThat(eventIds(bobKey)).containsExactly(second);
		}
		long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (count("select count(*) from realtime_node where node_id = ?", deadNode) > 0
				&& System.nanoTime() < until) {
			Thread.sleep(200);
		}
		assertThat(count("select count(*) from user_presence where node_id = ?", deadNode))
			.as("a live node deletes the dead node's sessions")
			.isZero();
	}

	private void awaitPresence(String userId, long rows) throws InterruptedException {
		long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (count("select count(*) from user_presence where user_id = ?", userId) != rows
				&& System.nanoTime() < until) {
			Thread.sleep(50);
		}
		assertThat(count("select count(*) from user_presence where user_id = ?", userId)).isEqualTo(rows);
	}

	/**
	 * Adds {@code count} fans, each with {@code settings} and a phone; answers their
	 * pushkeys.
	 */
	private List<String> fansWithPhones(String group, String owner, int count, Map<String, Object> settings) {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String fan = user("fan" + i);
			addMember(group, owner, fan);
			if (!settings.isEmpty()) {
				settings(fan, group, settings);
			}
			keys.add(register(fan, "phone"));
		}
		return keys;
	}

	private long count(String sql, Object argument) {
		return jdbc.queryForObject(sql, Long.class, argument);
	}

	@Test
	void aSlowGatewayIsSentToSeveralRequestsAtATime() throws Exception {
		String alice = user("alice");
		String group = createGroup(alice, "FAN");
		List<String> keys = fansWithPhones(group, alice, 20, Map.of());
		GATEWAY.mostInFlight.set(0);
		GATEWAY.delayMillis = 200;
		try {
			String message = send(alice, group, "everyone, look", List.of("@all"), null);
			for (String key : keys) {
				awaitEvent(key, message);
			}
		}
		finally {
			GATEWAY.delayMillis = 0;
		}
		assertThat(GATEWAY.mostInFlight.get()).as("requests the gateway had in flight at once").isGreaterThan(1);
	}

	@Test
	void aGatewayFailureThenSuccessDeliversExactlyOnce() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String key = register(bob, "phone");
		GATEWAY.script(key, 500, 200);

		String message = send(alice, group, "retry me", List.of(), null);

		awaitItems(() -> GATEWAY.received(key), 2);
		Thread.sleep(2000);
		List<JsonNode> attempts = GATEWAY.received(key);
		assertThat(attempts).hasSize(2).allSatisfy(p -> assertThat(p.path("event_id").asString()).isEqualTo(message));
		assertThat(GATEWAY.answered(key)).containsExactly(500, 200);
		assertThat(GATEWAY.idempotencyKeys(key)).hasSize(1);
	}

	@Test
	void aPushkeyTheGatewayRejectsRemovesTheDevice() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String group = createGroup(alice, "CHAT");
		addMember(group, alice, bob);
		String key = register(bob, "phone");
		GATEWAY.reject(key);

		send(alice, group, "are you there?", List.of(), null);
		awaitItems(() -> GATEWAY.received(key), 1);
		Thread.sleep(500);

		assertThat(api.as(bob).get("/api/v1/me/devices").json().path("items")).isEmpty();
		send(alice, group, "still there?", List.of(), null);
		Thread.sleep(1500);
		assertThat(GATEWAY.received(key)).hasSize(1);
	}

	private String register(String userId, String deviceId) {
		String token = "pk-" + userId;
		return registerDevice(userId, deviceId, "GATEWAY", token);
	}

	private void settings(String userId, String groupId, Map<String, Object> change) {
		Api.Response changed = api.as(userId).patch("/api/v1/groups/" + groupId + "/members/me/settings", change);
		assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
	}

	private String send(String userId, String groupId, String text, List<String> mentions, Long replyTo) {
		Map<String, Object> body = new HashMap<>(
				Map.of("clientMsgId", "c-" + System.nanoTime(), "type", "TEXT", "text", text, "mentions", mentions));
		if (replyTo != null) {
			body.put("replyToSeq", replyTo);
		}
		Api.Response sent = api.as(userId).post("/api/v1/groups/" + groupId + "/messages", body);
		assertThat(sent.status()).as(sent.raw()).isIn(200, 201);
		return sent.text("id");
	}

	/** The user's unread count per group, as their group list shows it. */
	private Map<String, Long> unreadCounts(String userId) {
		Map<String, Long> unread = new HashMap<>();
		api.as(userId)
			.get("/api/v1/groups")
			.json()
			.path("items")
			.forEach(g -> unread.put(g.path("id").asString(), g.path("unreadCount").asLong()));
		return unread;
	}

	private Set<String> eventIds(String pushkey) {
		return GATEWAY.received(pushkey).stream().map(p -> p.path("event_id").asString()).collect(Collectors.toSet());
	}

	private void awaitEvent(String pushkey, String eventId) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!eventIds(pushkey).contains(eventId) && System.nanoTime() < end) {
			Thread.sleep(50);
		}
		assertThat(eventIds(pushkey)).contains(eventId);
	}

	/** The push gateway on loopback: {@code POST /_matrix/push/v1/notify}. */
	static final class Gateway {

		final HttpServer server;

		final List<Request> requests = new CopyOnWriteArrayList<>();

		final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

		final Set<String> rejected = ConcurrentHashMap.newKeySet();

		/** How long each answer takes, to keep a worker busy. */
		volatile int delayMillis;

		final AtomicInteger inFlight = new AtomicInteger();

		/** The most requests the gateway was answering at one time. */
		final AtomicInteger mostInFlight = new AtomicInteger();

		/** When not 0, the status of every answer (an outage of the gateway). */
		volatile int outage;

		/** When set, requests get no answer until it opens (a hanging gateway). */
		volatile CountDownLatch hang;

		record Request(String pushkey, JsonNode notification, String idempotencyKey, int answered) {
		}

		Gateway() {
			try {
				server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			server.createContext("/_matrix/push/v1/notify", this::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
		}

		String url() {
			return "http://127.0.0.1:" + server.getAddress().getPort() + "/_matrix/push/v1/notify";
		}

		void script(String pushkey, Integer... statuses) {
			scripts.put(pushkey, new ArrayDeque<>(List.of(statuses)));
		}

		void reject(String pushkey) {
			rejected.add(pushkey);
		}

		List<JsonNode> received(String pushkey) {
			return requests.stream().filter(r -> r.pushkey().equals(pushkey)).map(Request::notification).toList();
		}

		/** The notifications answered with 200, by pushkey. */
		List<JsonNode> delivered(String pushkey) {
			return requests.stream()
				.filter(r -> r.pushkey().equals(pushkey) && r.answered() == 200)
				.map(Request::notification)
				.toList();
		}

		List<Integer> answered(String pushkey) {
			return requests.stream().filter(r -> r.pushkey().equals(pushkey)).map(Request::answered).toList();
		}

		Set<String> idempotencyKeys(String pushkey) {
			return requests.stream()
				.filter(r -> r.pushkey().equals(pushkey))
				.map(Request::idempotencyKey)
				.collect(Collectors.toSet());
		}

		private void handle(HttpExchange exchange) throws IOException {
			mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			try {
				answer(exchange);
			}
			finally {
				inFlight.decrementAndGet();
			}
		}

		private void answer(HttpExchange exchange) throws IOException {
			JsonNode notification = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("notification");
			String pushkey = notification.path("devices").get(0).path("pushkey").asString();
			CountDownLatch hanging = hang;
			try {
				if (hanging != null) {
					requests.add(new Request(pushkey, notification,
							exchange.getRequestHeaders().getFirst("Idempotency-Key"), 0));
					hanging.await(60, TimeUnit.SECONDS);
					exchange.close();
					return;
				}
				if (delayMillis > 0) {
					Thread.sleep(delayMillis);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			Deque<Integer> script = scripts.get(pushkey);
			Integer scripted = script == null ? null : script.poll();
			int status = outage != 0 ? outage : scripted == null ? 200 : scripted;
			String body = rejected.contains(pushkey) ? "{\"rejected\":[\"" + pushkey + "\"]}" : "{\"rejected\":[]}";
			requests.add(new Request(pushkey, notification, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
					status));
			byte[] bytes = (status == 200 ? body : "{}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		}

	}

}
