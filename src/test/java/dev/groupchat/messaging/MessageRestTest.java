package dev.groupchat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.GroupFixture;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.assertj.core.data.TemporalUnitOffset;
import org.assertj.core.data.TemporalUnitWithinOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The REST side of messages, as the mobile app uses it (contract: Messages). */
class MessageRestTest extends EndToEndTest {

	private static final String THUMBS_UP = "\uD83D\uDC4D";

	@Autowired
	JdbcClient jdbc;

	@Test
	void postedMessagesGetSeqOneTwoThreeAndCarryEveryContractField() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");

		List<JsonNode> posted = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			Api.Response response = post(owner, groupId, text("c-" + i, "hello " + i));
			assertThat(response.status()).as(response.raw()).isEqualTo(201);
			posted.add(response.json());
		}

		assertThat(posted).extracting(m -> m.path("seq").asLong()).containsExactly(1L, 2L, 3L);
		JsonNode first = posted.getFirst();
		assertThat(first.propertyNames()).contains("id", "groupId", "seq", "senderId", "clientMsgId", "type", "text",
				"video", "mediaUrl", "replyToSeq", "mentions", "reactions", "createdAt", "editedAt", "deleted");
		assertThat(first.path("id").isString()).isTrue();
		assertThat(first.path("groupId").asString()).isEqualTo(groupId);
		assertThat(first.path("senderId").asString()).isEqualTo(owner);
		assertThat(first.path("clientMsgId").asString()).isEqualTo("c-1");
		assertThat(first.path("type").asString()).isEqualTo("TEXT");
		assertThat(first.path("text").asString()).isEqualTo("hello 1");
		assertThat(first.path("video").isNull()).isTrue();
		assertThat(first.path("mediaUrl").isNull()).isTrue();
		assertThat(first.path("replyToSeq").isNull()).isTrue();
		assertThat(first.path("mentions").isArray()).isTrue();
		assertThat(first.path("mentions").isEmpty()).isTrue();
		assertThat(first.path("reactions").isObject()).isTrue();
		assertThat(first.path("reactions").isEmpty()).isTrue();
		assertThat(Instant.parse(first.path("createdAt").asString())).isCloseTo(Instant.now(), within(60));
		assertThat(first.path("editedAt").isNull()).isTrue();
		assertThat(first.path("deleted").asBoolean()).isFalse();
		assertThat(posted).extracting(m -> m.path("id").asString()).doesNotHaveDuplicates();
	}

	@Test
	void theSameClientMsgIdAgainAnswersTheOriginalWithOkEvenWithAnotherBody() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		Api.Response first = post(owner, groupId, text("retry-1", "the original"));
		assertThat(first.status()).as(first.raw()).isEqualTo(201);

		Api.Response again = post(owner, groupId, text("retry-1", "the original"));
		Api.Response changed = post(owner, groupId, text("retry-1", "something else"));

		for (Api.Response retry : List.of(again, changed)) {
			assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
			assertThat(retry.text("id")).isEqualTo(first.text("id"));
			assertThat(retry.json().path("seq").asLong()).isEqualTo(1);
			assertThat(retry.text("text")).isEqualTo("the original");
		}
		assertThat(messageCount(groupId)).isEqualTo(1);
		assertThat(lastSeq(groupId)).isEqualTo(1);
		Api.Response next = post(owner, groupId, text("retry-2", "next"));
		assertThat(next.json().path("seq").asLong()).as("no seq was used up by the retries").isEqualTo(2);
	}

	@Test
	void aRetryAnswersTheOriginalEvenAfterTheSenderWasMuted() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		Api.Response first = post(member, groupId, text("late-retry", "sent before the mute"));
		assertThat(first.status()).as(first.raw()).isEqualTo(201);
		assertThat(api.as(owner)
			.patch("/api/v1/groups/" + groupId + "/members/" + member,
					Map.of("mutedUntil", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
			.status()).isEqualTo(200);

		Api.Response retry = post(member, groupId, text("late-retry", "sent before the mute"));

		assertThat(retry.status()).as("the app must learn its message was stored: " + retry.raw()).isEqualTo(200);
		assertThat(retry.text("id")).isEqualTo(first.text("id"));
		assertRefused(post(member, groupId, text("after-mute", "new message")), 403);
	}

	@Test
	void aRetryWithinSlowModeAnswersTheOriginalWhileANewMessageWaits() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		configure(groupId, owner, Map.of("slowModeSeconds", 60));
		Api.Response first = post(member, groupId, text("slow-1", "hello"));
		assertThat(first.status()).as(first.raw()).isEqualTo(201);

		Api.Response retry = post(member, groupId, text("slow-1", "hello"));
		Api.Response next = post(member, groupId, text("slow-2", "hello again"));

		assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
		assertThat(retry.text("id")).isEqualTo(first.text("id"));
		assertRefused(next, 429);
		assertThat(next.headers().firstValue("Retry-After")).isPresent();
	}

	@Test
	void tenConcurrentIdenticalPostsStoreOneMessageAndAllAnswerIt() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		Map<String, Object> body = text("burst-1", "once only");
		CountDownLatch start = new CountDownLatch(1);
		List<Api.Response> responses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
			List<Future<Api.Response>> futures = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return post(owner, groupId, body);
				}));
			}
			start.countDown();
			for (Future<Api.Response> future : futures) {
				responses.add(future.get());
			}
		}

		assertThat(responses).extracting(Api.Response::status).containsOnly(200, 201);
		assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
		assertThat(responses).extracting(r -> r.text("id")).containsOnly(responses.getFirst().text("id"));
		assertThat(responses).extracting(r -> r.json().path("seq").asLong()).containsOnly(1L);
		assertThat(messageCount(groupId)).isEqualTo(1);
		assertThat(lastSeq(groupId)).isEqualTo(1);
	}

	@Test
	void historyPagesBySeqInAscendingOrderWithHasMore() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		for (int i = 1; i <= 7; i++) {
			assertThat(post(owner, groupId, text("h-" + i, "m" + i)).status()).isEqualTo(201);
		}

		assertPage(history(owner, groupId, "limit=3"), List.of(5L, 6L, 7L), true);
		assertPage(history(owner, groupId, "beforeSeq=5&limit=3"), List.of(2L, 3L, 4L), true);
		assertPage(history(owner, groupId, "beforeSeq=2&limit=3"), List.of(1L), false);
		assertPage(history(owner, groupId, "afterSeq=0&limit=3"), List.of(1L, 2L, 3L), true);
		assertPage(history(owner, groupId, "afterSeq=3&limit=3"), List.of(4L, 5L, 6L), true);
		assertPage(history(owner, groupId, "afterSeq=6&limit=3"), List.of(7L), false);
		assertPage(history(owner, groupId, "afterSeq=7"), List.of(), false);
		assertPage(history(owner, groupId, "afterSeq=2&beforeSeq=6"), List.of(3L, 4L, 5L), false);
		assertPage(history(owner, groupId, ""), List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), false);
		assertThat(history(owner, groupId, "limit=3").json().path("messages").get(0).path("text").asString())
			.isEqualTo("m5");
	}

	@Test
	void historyRefusesALimitOutsideOneToTwoHundred() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		assertThat(post(owner, groupId, text("l-1", "x")).status()).isEqualTo(201);

		for (String limit : List.of("0", "201", "-1")) {
			Api.Response refused = history(owner, groupId, "limit=" + limit);
			assertThat(refused.status()).as("limit=" + limit + ": " + refused.raw()).isEqualTo(400);
			assertThat(refused.contentType()).startsWith("application/problem+json");
		}
		assertThat(history(owner, groupId, "limit=200").status()).isEqualTo(200);
		assertThat(history(owner, groupId, "limit=1").status()).isEqualTo(200);
	}

	@Test
	void onlyTheSenderEditsAndTheEditShows() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		long seq = post(member, groupId, text("e-1", "typo")).json().path("seq").asLong();

		Api.Response byOwner = api.as(owner).patch(messages(groupId) + "/" + seq, Map.of("text", "hijacked"));
		assertThat(byOwner.status()).as(byOwner.raw()).isEqualTo(403);

		Api.Response edited = api.as(member).patch(messages(groupId) + "/" + seq, Map.of("text", "fixed"));
		assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
		assertThat(edited.text("text")).isEqualTo("fixed");
		assertThat(edited.json().path("editedAt").isNull()).isFalse();
		assertThat(edited.json().path("seq").asLong()).isEqualTo(seq);

		JsonNode stored = message(owner, groupId, seq);
		assertThat(stored.path("text").asString()).isEqualTo("fixed");
		assertThat(stored.path("editedAt").isNull()).isFalse();
	}

	@Test
	void recallBySenderOrModeratorLeavesATombstoneAndAPlainMemberMayNotRecallOthers() {
		GroupFixture f = fixture("CHAT");
		String other = user("other");
		addMember(f.groupId(), f.owner(), other);
		long image = post(f.member(), f.groupId(),
				Map.of("clientMsgId", "r-1", "type", "IMAGE", "mediaUrl", "https://cdn.example/cat.jpg"))
			.json()
			.path("seq")
			.asLong();
		long second = post(f.member(), f.groupId(), text("r-2", "second")).json().path("seq").asLong();
		long third = post(f.member(), f.groupId(), text("r-3", "third")).json().path("seq").asLong();

		Api.Response byOther = api.as(other).delete(messages(f.groupId()) + "/" + third);
		assertThat(byOther.status()).as(byOther.raw()).isEqualTo(403);
		assertThat(message(f.owner(), f.groupId(), third).path("text").asString()).isEqualTo("third");

		Api.Response bySender = api.as(f.member()).delete(messages(f.groupId()) + "/" + image);
		assertThat(bySender.status()).as(bySender.raw()).isEqualTo(200);
		assertThat(bySender.json().path("deleted").asBoolean()).isTrue();
		assertThat(bySender.json().path("mediaUrl").isNull()).isTrue();
		assertThat(bySender.json().path("text").isNull()).isTrue();

		Api.Response byAdmin = api.as(f.admin()).delete(messages(f.groupId()) + "/" + second);
		assertThat(byAdmin.status()).as(byAdmin.raw()).isEqualTo(200);

		List<JsonNode> history = messagesOf(history(f.owner(), f.groupId(), "afterSeq=" + (image - 1)));
		assertThat(history).extracting(m -> m.path("seq").asLong()).containsExactly(image, second, third);
		for (JsonNode tombstone : history.subList(0, 2)) {
			assertThat(tombstone.path("deleted").asBoolean()).isTrue();
			assertThat(tombstone.path("text").isNull()).isTrue();
			assertThat(tombstone.path("mediaUrl").isNull()).isTrue();
			assertThat(tombstone.path("senderId").asString()).isEqualTo(f.member());
		}
		assertThat(history.get(2).path("deleted").asBoolean()).isFalse();
		assertThat(history.get(2).path("text").asString()).isEqualTo("third");
	}

	@Test
	void aMemberCannotRecallTheSystemMessageAboutThemButAModeratorCan() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		JsonNode notice = message(owner, groupId, 1);
		assertThat(notice.path("type").asString()).isEqualTo("SYSTEM");

		Api.Response byMember = api.as(member).delete(messages(groupId) + "/1");
		assertThat(byMember.status()).as(byMember.raw()).isEqualTo(403);
		assertThat(message(owner, groupId, 1).path("deleted").asBoolean()).isFalse();
		assertThat(api.as(member).patch(messages(groupId) + "/1", Map.of("text", "I was never here")).status())
			.isEqualTo(403);
		assertThat(api.as(owner).delete(messages(groupId) + "/1").status()).isEqualTo(200);
	}

	@Test
	void reactionsCountEachUserOncePerEmoji() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		long seq = post(owner, groupId, text("x-1", "react to me")).json().path("seq").asLong();
		String path = messages(groupId) + "/" + seq + "/reactions/"
				+ URLEncoder.encode(THUMBS_UP, StandardCharsets.UTF_8);

		Api.Response first = api.as(owner).put(path, null);
		assertThat(first.status()).as(first.raw()).isEqualTo(200);
		assertThat(first.json().path("reactions").path(THUMBS_UP).asInt()).isEqualTo(1);
		assertThat(api.as(member).put(path, null).json().path("reactions").path(THUMBS_UP).asInt()).isEqualTo(2);
		Api.Response twice = api.as(member).put(path, null);
		assertThat(twice.status()).as(twice.raw()).isEqualTo(200);
		assertThat(twice.json().path("reactions").path(THUMBS_UP).asInt()).isEqualTo(2);
		assertThat(message(owner, groupId, seq).path("reactions").path(THUMBS_UP).asInt()).isEqualTo(2);

		Api.Response unreact = api.as(owner).delete(path);
		assertThat(unreact.status()).as(unreact.raw()).isEqualTo(200);
		assertThat(unreact.json().path("reactions").path(THUMBS_UP).asInt()).isEqualTo(1);
		api.as(member).delete(path);
		assertThat(message(owner, groupId, seq).path("reactions").has(THUMBS_UP)).isFalse();
		Api.Response tooLong = api.as(owner).put(messages(groupId) + "/" + seq + "/reactions/" + "a".repeat(33), null);
		assertRefused(tooLong, 400);
		assertRefused(api.as(owner).put(messages(groupId) + "/99/reactions/%F0%9F%91%8D", null), 404);
	}

	@Test
	void readMarkerDrivesUnreadCountInTheGroupListWhichShowsLastSeqAndLastMessage() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		long before = lastSeq(groupId);
		long unreadAtJoin = myGroup(member, groupId).path("unreadCount").asLong();
		for (int i = 1; i <= 3; i++) {
			post(owner, groupId, text("u-" + i, "unread " + i));
		}

		JsonNode listed = myGroup(member, groupId);
		assertThat(listed.path("unreadCount").asLong()).isEqualTo(unreadAtJoin + 3);
		assertThat(listed.path("lastSeq").asLong()).isEqualTo(before + 3);
		assertThat(listed.path("lastMessage").path("seq").asLong()).isEqualTo(before + 3);
		assertThat(listed.path("lastMessage").path("text").asString()).isEqualTo("unread 3");
		assertThat(myGroup(owner, groupId).path("unreadCount").asLong()).as("own messages are read").isZero();

		Api.Response read = api.as(member).post("/api/v1/groups/" + groupId + "/read", Map.of("seq", before + 2));
		assertThat(read.status()).as(read.raw()).isEqualTo(200);
		assertThat(myGroup(member, groupId).path("unreadCount").asLong()).isEqualTo(1);

		api.as(member).post("/api/v1/groups/" + groupId + "/read", Map.of("seq", before));
		assertThat(myGroup(member, groupId).path("unreadCount").asLong()).as("a marker never moves back").isEqualTo(1);
		api.as(member).post("/api/v1/groups/" + groupId + "/read", Map.of("seq", before + 3));
		assertThat(myGroup(member, groupId).path("unreadCount").asLong()).isZero();
		Api.Response beyond = api.as(member).post("/api/v1/groups/" + groupId + "/read", Map.of("seq", before + 4));
		assertThat(beyond.status()).as(beyond.raw()).isEqualTo(400);
	}

	@Test
	void aNewcomerDoesNotFindTheHistoryBeforeTheirJoinUnread() {
		String owner = user("owner");
		String fan = user("fan");
		String friend = user("friend");
		String fanGroup = createGroup(owner, "FAN");
		String chatGroup = createGroup(owner, "CHAT");
		for (int i = 1; i <= 5; i++) {
			post(owner, fanGroup, text("f-" + i, "before you came " + i));
			post(owner, chatGroup, text("c-" + i, "before you came " + i));
		}

		addMember(fanGroup, owner, fan);
		addMember(chatGroup, owner, friend);

		assertThat(myGroup(fan, fanGroup).path("unreadCount").asLong()).isZero();
		assertThat(myGroup(friend, chatGroup).path("unreadCount").asLong()).as("at most the notice of the join")
			.isLessThanOrEqualTo(1);
		post(owner, fanGroup, text("f-6", "welcome"));
		assertThat(myGroup(fan, fanGroup).path("unreadCount").asLong()).isEqualTo(1);
	}

	@Test
	void eachTypeNeedsItsContentAndSystemIsRefused() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");

		assertRefused(post(owner, groupId, Map.of("clientMsgId", "t-1", "type", "VIDEO_SHARE")), 400);
		assertRefused(post(owner, groupId, Map.of("clientMsgId", "t-2", "type", "VIDEO_SHARE", "video", Map.of())),
				400);
		assertRefused(post(owner, groupId, Map.of("clientMsgId", "t-3", "type", "IMAGE", "text", "no url")), 400);
		assertRefused(post(owner, groupId, Map.of("clientMsgId", "t-4", "type", "SYSTEM", "text", "I am the server")),
				400);
		assertRefused(post(owner, groupId, Map.of("clientMsgId", "t-5", "type", "TEXT")), 400);
		assertRefused(post(owner, groupId, Map.of("clientMsgId", "t-6", "type", "GIF", "text", "x")), 400);
		assertThat(messageCount(groupId)).isZero();
		assertThat(lastSeq(groupId)).isZero();

		Api.Response video = post(owner, groupId, Map.of("clientMsgId", "t-7", "type", "VIDEO_SHARE", "video",
				Map.of("videoId", "v-42", "coverUrl", "https://cdn.example/v-42.jpg")));
		assertThat(video.status()).as(video.raw()).isEqualTo(201);
		assertThat(video.json().path("video").path("videoId").asString()).isEqualTo("v-42");
		assertThat(video.json().path("video").path("coverUrl").asString()).isEqualTo("https://cdn.example/v-42.jpg");
		Api.Response image = post(owner, groupId,
				Map.of("clientMsgId", "t-8", "type", "IMAGE", "mediaUrl", "https://cdn.example/a.png"));
		assertThat(image.status()).as(image.raw()).isEqualTo(201);
		assertThat(image.text("mediaUrl")).isEqualTo("https://cdn.example/a.png");
		assertThat(video.json().path("seq").asLong()).isEqualTo(1);
		assertThat(image.json().path("seq").asLong()).isEqualTo(2);
	}

	@Test
	void textIsAtMostFourThousandCharactersAndBodiesAtMost64KiB() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");

		assertRefused(post(owner, groupId, text("long-1", "x".repeat(4001))), 400);
		Api.Response oversized = post(owner, groupId, text("big-1", "x".repeat(70 * 1024)));
		assertThat(oversized.status()).as(oversized.raw()).isEqualTo(413);
		assertThat(oversized.contentType()).startsWith("application/problem+json");
		assertThat(oversized.json().path("status").asInt()).isEqualTo(413);
		assertThat(messageCount(groupId)).isZero();

		Api.Response longest = post(owner, groupId, text("long-2", "y".repeat(4000)));
		assertThat(longest.status()).as(longest.raw()).isEqualTo(201);
		assertThat(longest.text("text")).hasSize(4000);
	}

	@Test
	void aChunkedBodyOver64KiBIsRefusedWith413Too() throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		byte[] body = ("{\"clientMsgId\":\"chunked-1\",\"type\":\"TEXT\",\"text\":\"" + "x".repeat(70 * 1024) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + messages(groupId)))
			.header("Authorization", "Bearer " + dev.groupchat.support.TestTokens.token(owner))
			.header("Content-Type", "application/json")
			// no length known up front: sent chunked, so only counting while reading can
			// catch it
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();

		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
			assertThat(response.body()).contains("\"status\":413");
		}
		assertThat(messageCount(groupId)).isZero();
	}

	@Test
	void malformedJsonIsABadRequestProblem() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");

		Api.Response malformed = api.as(owner)
			.send("POST", messages(groupId), "{\"clientMsgId\": \"m-1\", \"type\": ", "application/json");

		assertRefused(malformed, 400);
		assertThat(malformed.text("type")).endsWith("/malformed-request");
		assertThat(malformed.raw()).doesNotContain("Exception").doesNotContain("at tools.");
		assertThat(messageCount(groupId)).isZero();
	}

	@Test
	void replyToSeqMustNameAnEarlierMessageOfTheGroup() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		post(owner, groupId, text("p-1", "first"));
		post(owner, groupId, text("p-2", "second"));

		assertRefused(post(owner, groupId, reply("p-3", 3)), 400);
		assertRefused(post(owner, groupId, reply("p-4", 99)), 400);
		assertRefused(post(owner, groupId, reply("p-5", 0)), 400);
		assertThat(messageCount(groupId)).isEqualTo(2);
		assertThat(lastSeq(groupId)).isEqualTo(2);

		Api.Response reply = post(owner, groupId, reply("p-6", 1));
		assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
		assertThat(reply.json().path("replyToSeq").asLong()).isEqualTo(1);
		assertThat(reply.json().path("seq").asLong()).as("refusals leave no gap").isEqualTo(3);
	}

	@Test
	void mentionsMustBeMembers() {
		String owner = user("owner");
		String member = user("member");
		String stranger = user("stranger");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		long count = messageCount(groupId);

		Map<String, Object> withStranger = new HashMap<>(text("n-1", "hi both"));
		withStranger.put("mentions", List.of(member, stranger));
		assertRefused(post(owner, groupId, withStranger), 400);
		assertThat(messageCount(groupId)).isEqualTo(count);

		Map<String, Object> withMember = new HashMap<>(text("n-2", "hi you"));
		withMember.put("mentions", List.of(member));
		Api.Response mentioned = post(owner, groupId, withMember);
		assertThat(mentioned.status()).as(mentioned.raw()).isEqualTo(201);
		assertThat(mentioned.json().path("mentions").get(0).asString()).isEqualTo(member);
	}

	@Test
	void aNonMemberMayNotPostAndNothingIsStored() {
		String owner = user("owner");
		String stranger = user("stranger");
		String groupId = createGroup(owner, "CHAT");
		post(owner, groupId, text("s-1", "members only"));

		Api.Response refused = post(stranger, groupId, text("s-2", "let me in"));

		assertRefused(refused, 403);
		assertThat(messageCount(groupId)).isEqualTo(1);
		assertThat(lastSeq(groupId)).isEqualTo(1);
		assertThat(history(stranger, groupId, "").status()).isIn(403, 404);
	}

	@Test
	void aMutedMemberMayNotPostUntilTheMuteIsLifted() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		long count = messageCount(groupId);
		Api.Response muted = api.as(owner)
			.patch("/api/v1/groups/" + groupId + "/members/" + member,
					Map.of("mutedUntil", Instant.now().plus(1, ChronoUnit.HOURS).toString()));
		assertThat(muted.status()).as(muted.raw()).isEqualTo(200);

		Api.Response refused = post(member, groupId, text("mu-1", "can you hear me"));

		assertRefused(refused, 403);
		assertThat(refused.text("type")).endsWith("/posting-not-allowed");
		assertThat(messageCount(groupId)).isEqualTo(count);

		Map<String, Object> unmute = new HashMap<>();
		unmute.put("mutedUntil", null);
		assertThat(api.as(owner).patch("/api/v1/groups/" + groupId + "/members/" + member, unmute).status())
			.isEqualTo(200);
		assertThat(post(member, groupId, text("mu-2", "back")).status()).isEqualTo(201);
	}

	@Test
	void underPostPolicyAdminsOnlyModeratorsPost() {
		GroupFixture f = fixture("CHAT");
		configure(f.groupId(), f.owner(), Map.of("postPolicy", "ADMINS"));
		long count = messageCount(f.groupId());

		assertRefused(post(f.member(), f.groupId(), text("pp-1", "may I")), 403);
		assertThat(messageCount(f.groupId())).isEqualTo(count);
		assertThat(post(f.admin(), f.groupId(), text("pp-2", "announcement")).status()).isEqualTo(201);
		assertThat(post(f.owner(), f.groupId(), text("pp-3", "announcement")).status()).isEqualTo(201);
	}

	@Test
	void joinsAndLeavesOfAChatGroupAppearAsSystemMessagesButNotInAFanGroup() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");

		addMember(groupId, owner, member);
		Api.Response left = api.as(member).delete("/api/v1/groups/" + groupId + "/members/me");
		assertThat(left.status()).as(left.raw()).isEqualTo(204);

		List<JsonNode> history = messagesOf(history(owner, groupId, ""));
		assertThat(history).extracting(m -> m.path("type").asString()).containsExactly("SYSTEM", "SYSTEM");
		assertThat(history).extracting(m -> m.path("seq").asLong()).containsExactly(1L, 2L);
		assertThat(history.get(0).path("system").path("event").asString()).isEqualTo("member.added");
		assertThat(history.get(0).path("system").path("targetIds").get(0).asString()).isEqualTo(member);
		assertThat(history.get(1).path("system").path("event").asString()).isEqualTo("member.left");
		assertThat(history.get(1).path("system").path("actorId").asString()).isEqualTo(member);

		String fanGroup = createGroup(owner, "FAN");
		addMember(fanGroup, owner, member);
		assertThat(messagesOf(history(owner, fanGroup, ""))).isEmpty();
	}

	// --- helpers

	private Api.Response post(String userId, String groupId, Map<String, Object> body) {
		return api.as(userId).post(messages(groupId), body);
	}

	private Api.Response history(String userId, String groupId, String query) {
		return api.as(userId).get(messages(groupId) + (query.isEmpty() ? "" : "?" + query));
	}

	private JsonNode message(String userId, String groupId, long seq) {
		List<JsonNode> page = messagesOf(history(userId, groupId, "afterSeq=" + (seq - 1) + "&limit=1"));
		assertThat(page).hasSize(1);
		return page.getFirst();
	}

	private JsonNode myGroup(String userId, String groupId) {
		Api.Response list = api.as(userId).get("/api/v1/groups?limit=200");
		assertThat(list.status()).as(list.raw()).isEqualTo(200);
		return StreamSupport.stream(list.json().path("items").spliterator(), false)
			.filter(g -> g.path("id").asString().equals(groupId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("group not listed: " + list.raw()));
	}

	private static List<JsonNode> messagesOf(Api.Response page) {
		assertThat(page.status()).as(page.raw()).isEqualTo(200);
		return StreamSupport.stream(page.json().path("messages").spliterator(), false).toList();
	}

	private static void assertPage(Api.Response page, List<Long> seqs, boolean hasMore) {
		assertThat(messagesOf(page)).extracting(m -> m.path("seq").asLong()).containsExactlyElementsOf(seqs);
		assertThat(page.json().path("hasMore").asBoolean()).as("hasMore of " + page.raw()).isEqualTo(hasMore);
	}

	private static void assertRefused(Api.Response response, int status) {
		assertThat(response.status()).as(response.raw()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("status").asInt()).isEqualTo(status);
	}

	private static Map<String, Object> text(String clientMsgId, String text) {
		return Map.of("clientMsgId", clientMsgId, "type", "TEXT", "text", text);
	}

	private static Map<String, Object> reply(String clientMsgId, long replyToSeq) {
		return Map.of("clientMsgId", clientMsgId, "type", "TEXT", "text", "re", "replyToSeq", replyToSeq);
	}

	private static String messages(String groupId) {
		return "/api/v1/groups/" + groupId + "/messages";
	}

	private static TemporalUnitOffset within(long seconds) {
		return new TemporalUnitWithinOffset(seconds, ChronoUnit.SECONDS);
	}

	private long messageCount(String groupId) {
		return jdbc.sql("select count(*) from message where group_id = ?::uuid")
			.param(groupId)
			.query(Long.class)
			.single();
	}

	private long lastSeq(String groupId) {
		return jdbc.sql("select last_seq from chat_group where id = ?::uuid").param(groupId).query(Long.class).single();
	}

}
