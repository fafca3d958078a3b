package dev.groupchat.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.ops.Scrape;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end: real PostgreSQL, real HTTP on loopback (hence
 * {@code allow-private-addresses}), the events made through the public API, and what the
 * endpoint received compared with what a STOMP subscriber of the group saw.
 */
class WebhookDeliveryTest extends EndToEndTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Receiver RECEIVER = new Receiver();

	private static final List<String> ALL = List.of("message.created", "message.deleted", "member.joined",
			"member.left", "member.banned", "report.created");

	@DynamicPropertySource
	static void webhooks(DynamicPropertyRegistry registry) {
		registry.add("groupchat.webhooks.allow-private-addresses", () -> "true");
		registry.add("groupchat.webhooks.poll-interval", () -> "100ms");
		registry.add("groupchat.webhooks.initial-backoff", () -> "300ms");
		registry.add("groupchat.webhooks.read-timeout", () -> "2s");
	}

	@AfterAll
	static void stopReceiver() {
		RECEIVER.close();
	}

	@Test
	void eachEventReachesASubscribedEndpointOnceInOrderWithTheStompEventAsData() throws Exception {
		String alice = user("alice");
		String bob = user("bob");
		String carol = user("carol");
		String dave = user("dave");
		String group = createGroup(alice, "FAN");
		String all = path();
		String messagesOnly = path();
		String bansOnly = path();
		register(alice, group, all, ALL);
		register(alice, group, messagesOnly, List.of("message.created"));
		register(alice, group, bansOnly, List.of("member.banned"));
		List<JsonNode> live;
		try (StompTestClient stomp = StompTestClient.connect(port, TestTokens.token(alice))) {
			StompTestClient.Subscription topic = stomp.subscribeAndAwait("/topic/group." + group);
			addMember(group, alice, bob);
			addMember(group, alice, carol);
			addMember(group, alice, dave);
			Api.Response posted = api.as(alice)
				.post(groupPath(group) + "/messages",
						Map.of("clientMsgId", "c-1", "type", "TEXT", "text", "hello backend"));
			long seq = posted.json().path("seq").asLong();
			expect(api.as(bob).post(groupPath(group) + "/messages/" + seq + "/reports", Map.of("reason", "spam")), 201);
			expect(api.as(alice).delete(groupPath(group) + "/messages/" + seq), 200);
			expect(api.as(carol).delete(groupPath(group) + "/members/me"), 204);
			expect(api.as(alice).post(groupPath(group) + "/bans", Map.of("userId", dave)), 201);
			live = topic.collectAny(7, Duration.ofSeconds(5));
		}

		List<Receiver.Delivery> deliveries = await(() -> RECEIVER.received(all), 9);
		await(() -> RECEIVER.received(bansOnly), 1);
		Thread.sleep(1000);
		assertThat(RECEIVER.received(all)).as("each event once").hasSize(9);
		List<JsonNode> bodies = deliveries.stream().map(d -> JSON.readTree(d.body())).toList();
		assertThat(bodies).extracting(b -> b.path("type").asString())
			.as("in the order the changes were made")
			.containsExactly("member.joined", "member.joined", "member.joined", "message.created", "report.created",
					"message.deleted", "member.left", "member.left", "member.banned");
		assertThat(deliveries).allSatisfy(d -> {
			assertThat(d.contentType()).startsWith("application/json");
			assertThat(JSON.readTree(d.body()).path("id").asString()).isEqualTo(d.webhookId());
		});
		assertThat(deliveries).extracting(Receiver.Delivery::webhookId).doesNotHaveDuplicates();
		for (JsonNode body : bodies) {
			assertThat(body.propertyNames()).containsExactly("id", "type", "createdAt", "groupId", "data");
			assertThat(body.path("groupId").asString()).isEqualTo(group);
			assertThat(Instant.parse(body.path("createdAt").asString())).isBefore(Instant.now());
			assertThat(body.path("data").path("type").asString()).isEqualTo(body.path("type").asString());
		}
		List<JsonNode> stompLike = bodies.stream()
			.filter(b -> !List.of("report.created", "member.banned").contains(b.path("type").asString()))
			.map(b -> b.path("data"))
			.toList();
		List<JsonNode> stompEvents = live.stream()
			.filter(e -> List.of("member.joined", "message.created", "message.deleted", "member.left")
				.contains(e.path("type").asString()))
			.toList();
		assertThat(stompLike).as("data is the STOMP event of the same type").isEqualTo(stompEvents);
		JsonNode report = bodies.get(4).path("data");
		assertThat(report.path("report").path("seq").asLong())
			.isEqualTo(bodies.get(3).path("data").path("seq").asLong());
		assertThat(report.path("report").path("reason").asString()).isEqualTo("spam");
		assertThat(report.toString()).doesNotContain(bob).as("the reporter is not named");
		assertThat(bodies.get(8).path("data").path("userId").asString()).isEqualTo(dave);
		assertThat(bodies.get(7).path("data").path("reason").asString()).isEqualTo("BANNED");

		assertThat(RECEIVER.received(messagesOnly)).as("only subscribed types arrive")
			.extracting(d -> JSON.readTree(d.body()).path("type").asString())
			.containsExactly("message.created");
		assertThat(RECEIVER.received(bansOnly)).extracting(d -> JSON.readTree(d.body()).path("type").asString())
			.containsExactly("member.banned");
	}

	@Test
	void theSignatureVerifiesWithTheDocumentedRecipe() throws Exception {
		String alice = user("alice");
		String group = createGroup(alice, "CHAT");
		String hook = path();
		String secret = register(alice, group, hook, List.of("member.joined"));
		addMember(group, alice, user("bob"));

		Receiver.Delivery delivery = await(() -> RECEIVER.received(hook), 1).getFirst();

		assertThat(secret).isNotBlank();
		assertThat(verify(secret, delivery.signature(), delivery.body())).as(delivery.signature()).isTrue();
		assertThat(verify(secret, delivery.signature(), delivery.body().replace("member.joined", "member.jOined")))
			.as("a changed body does not verify")
			.isFalse();
		assertThat(verify(secret + "x", delivery.signature(), delivery.body())).as("another secret").isFalse();
		String recipe = Files.readString(Path.of("README.md"));
		String source = Files.readString(Path.of("src/test/java/dev/groupchat/webhooks/WebhookDeliveryTest.java"));
		int start = source.indexOf("throws Exception {\n\t\tString t = ") + 19;
		String body = source.substring(start, source.indexOf("\n\t}", start));
		assertThat(body.lines().map(String::strip).toList()).as("verify() is the README's recipe")
			.hasSize(6)
			.allSatisfy(line -> assertThat(recipe).contains(line));
	}

	/** The six lines of the README's "Verify a delivery", unchanged. */
	private static boolean verify(String secret, String header, String rawBody) throws Exception {
		String t = header.split(",")[0].substring(2), v1 = header.split(",")[1].substring(3);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + rawBody).getBytes(StandardCharsets.UTF_8)));
		return MessageDigest.isEqual(expected.getBytes(), v1.getBytes())
				&& Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) < 300;
	}

	@Test
	void aFailureThenSuccessDeliversExactlyOnceWithTheSameId() throws Exception {
		String alice = user("alice");
		String group = createGroup(alice, "CHAT");
		String hook = path();
		RECEIVER.script(hook, 500, 200);
		register(alice, group, hook, List.of("message.created"));
		api.as(alice)
			.post(groupPath(group) + "/messages", Map.of("clientMsgId", "c-1", "type", "TEXT", "text", "again"));

		List<Receiver.Delivery> attempts = await(() -> RECEIVER.received(hook), 2);
		Thread.sleep(1500);

		assertThat(RECEIVER.received(hook)).as("500, then 200, then nothing more").hasSize(2);
		assertThat(attempts.get(1).webhookId()).isEqualTo(attempts.get(0).webhookId());
		assertThat(attempts.get(1).body()).as("a retry sends the same body").isEqualTo(attempts.get(0).body());
		assertThat(JSON.readTree(attempts.get(0).body()).path("data").path("message").path("text").asString())
			.isEqualTo("again");
	}

	@Test
	void aHangingEndpointDoesNotSlowSends() throws Exception {
		String alice = user("alice");
		String group = createGroup(alice, "CHAT");
		String hook = path();
		RECEIVER.hang(hook);
		register(alice, group, hook, List.of("message.created"));
		api.as(alice)
			.post(groupPath(group) + "/messages", Map.of("clientMsgId", "c-0", "type", "TEXT", "text", "hang"));
		await(() -> RECEIVER.received(hook), 1);

		List<Long> millis = new ArrayList<>();
		for (int i = 1; i <= 30; i++) {
			long start = System.nanoTime();
			Api.Response sent = api.as(alice)
				.post(groupPath(group) + "/messages",
						Map.of("clientMsgId", "c-" + i, "type", "TEXT", "text", "burst " + i));
			millis.add((System.nanoTime() - start) / 1_000_000);
			assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
		}

		assertThat(millis).as("send-to-ack of each send while a delivery hangs, ms")
			.allSatisfy(ms -> assertThat(ms).isLessThan(1000));
	}

	@Test
	void theMetricsCountADeliveryAndTheRowsWaiting() throws Exception {
		String alice = user("alice");
		String group = createGroup(alice, "CHAT");
		String served = path();
		register(alice, group, served, List.of("message.created"));
		Scrape before = scrape();
		api.as(alice).post(groupPath(group) + "/messages", Map.of("clientMsgId", "d-1", "type", "TEXT", "text", "x"));
		await(() -> RECEIVER.received(served), 1);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(scrape().sum("groupchat_webhooks_delivered_total")
					- before.sum("groupchat_webhooks_delivered_total"))
				.as("delivered")
				.isEqualTo(1));

		String other = createGroup(alice, "CHAT");
		String stuck = path();
		RECEIVER.hang(stuck);
		register(alice, other, stuck, List.of("message.created"));
		double queued = scrape().sum("groupchat_webhooks_queued");
		for (int i = 1; i <= 3; i++) {
			api.as(alice)
				.post(groupPath(other) + "/messages", Map.of("clientMsgId", "q-" + i, "type", "TEXT", "text", "q"));
		}
		await(() -> RECEIVER.received(stuck), 1);
		assertThat(scrape().sum("groupchat_webhooks_queued") - queued)
			.as("the three rows of the hanging endpoint wait (the first one claimed)")
			.isEqualTo(3);
		assertThat(scrape().sum("groupchat_webhooks_outbox_oldest_age_seconds")).isPositive();
	}

	private Scrape scrape() {
		Api.Response response = api.as(user("ops"), Map.of("roles", List.of("ops"))).get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		return new Scrape(response.raw());
	}

	@Test
	void anOperatorsEndpointGetsEveryGroupsEventsInOrderPerGroupWithShadowMessagesMarked() throws Exception {
		String operator = user("operator");
		Map<String, Object> ops = Map.of("roles", List.of("ops"));
		String alice = user("alice");
		String bob = user("bob");
		String troll = user("troll");
		String hook = path();
		Map<String, Object> request = Map.of("url", RECEIVER.url(hook), "events",
				List.of("message.created", "member.joined"));
		expect(api.as(alice).post("/api/v1/webhooks", request), 403);
		expect(api.anonymous().post("/api/v1/webhooks", request), 401);
		expect(api.as(alice).get("/api/v1/webhooks"), 403);
		expect(api.as(operator, ops).post("/api/v1/webhooks", Map.of("url", "ftp://x", "events", List.of())), 400);
		Api.Response created = expect(api.as(operator, ops).post("/api/v1/webhooks", request), 201);
		String webhookId = created.text("id");
		assertThat(created.text("secret")).startsWith("whsec_");
		try {
			assertThat(api.as(operator, ops).get("/api/v1/webhooks").json().path("items"))
				.extracting(w -> w.path("id").asString())
				.contains(webhookId);
			expect(api.as(alice).delete("/api/v1/webhooks/" + webhookId), 403);
			String first = createGroup(alice, "FAN");
			String second = createGroup(bob, "CHAT");
			addMember(first, alice, troll);
			expect(api.as(alice).patch(groupPath(first) + "/members/" + troll, Map.of("shadowMuted", true)), 200);
			for (int i = 1; i <= 3; i++) {
				expect(api.as(alice)
					.post(groupPath(first) + "/messages",
							Map.of("clientMsgId", "f-" + i, "type", "TEXT", "text", "first " + i)),
						201);
				expect(api.as(bob)
					.post(groupPath(second) + "/messages",
							Map.of("clientMsgId", "s-" + i, "type", "TEXT", "text", "second " + i)),
						201);
			}
			long shadowSeq = expect(
					api.as(troll)
						.post(groupPath(first) + "/messages",
								Map.of("clientMsgId", "t-1", "type", "TEXT", "text", "only the moderators see this")),
					201)
				.json()
				.path("seq")
				.asLong();

			// the owner joining each group on creation, the troll joining, 7 messages
			List<JsonNode> bodies = await(() -> RECEIVER.received(hook), 10).stream()
				.map(d -> JSON.readTree(d.body()))
				.toList();
			Thread.sleep(1000);
			assertThat(RECEIVER.received(hook)).as("each event once").hasSize(10);
			assertThat(bodies).filteredOn(b -> b.path("groupId").asString().equals(first))
				.extracting(
						b -> b.path("type").asString() + " " + b.path("data").path("message").path("text").asString(""))
				.as("the first group's events in order")
				.containsExactly("member.joined ", "member.joined ", "message.created first 1",
						"message.created first 2", "message.created first 3",
						"message.created only the moderators see this");
			assertThat(bodies).filteredOn(b -> b.path("groupId").asString().equals(second))
				.extracting(
						b -> b.path("type").asString() + " " + b.path("data").path("message").path("text").asString(""))
				.containsExactly("member.joined ", "message.created second 1", "message.created second 2",
						"message.created second 3");
			assertThat(bodies).filteredOn(b -> b.path("type").asString().equals("message.created"))
				.allSatisfy(b -> assertThat(b.path("data").path("message").path("shadow").asBoolean(false))
					.as("shadow marked on %s", b.path("data").path("seq"))
					.isEqualTo(b.path("data").path("seq").asLong() == shadowSeq
							&& b.path("groupId").asString().equals(first)));
		}
		finally {
			expect(api.as(operator, ops).delete("/api/v1/webhooks/" + webhookId), 204);
		}
		expect(api.as(operator, ops).delete("/api/v1/webhooks/" + webhookId), 404);
		String third = createGroup(alice, "CHAT");
		expect(api.as(alice)
			.post(groupPath(third) + "/messages", Map.of("clientMsgId", "x-1", "type", "TEXT", "text", "after")), 201);
		Thread.sleep(1000);
		assertThat(RECEIVER.received(hook)).as("nothing after the endpoint was deleted").hasSize(10);
	}

	private static String path() {
		return "/hook/" + UUID.randomUUID();
	}

	private static String groupPath(String group) {
		return "/api/v1/groups/" + group;
	}

	private String register(String owner, String group, String path, List<String> events) {
		Api.Response created = api.as(owner)
			.post(groupPath(group) + "/webhooks", Map.of("url", RECEIVER.url(path), "events", events));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		return created.text("secret");
	}

	private static Api.Response expect(Api.Response response, int status) {
		assertThat(response.status()).as(response.raw()).isEqualTo(status);
		return response;
	}

	private static <T> List<T> await(Supplier<List<T>> what, int count) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (what.get().size() < count && System.nanoTime() < end) {
			Thread.sleep(50);
		}
		return what.get();
	}

}
