package dev.groupchat.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An edit passes the checks of a new message, and the checks run in an order that tells
 * an outsider nothing: posting rights first, then rate limits, then the keyword filter. A
 * group's bucket is smaller here than a user's, so an outsider alone could drain it if
 * the limiter ran first.
 */
@TestPropertySource(properties = { "groupchat.rate-limit.enabled=true", "groupchat.rate-limit.user-per-second=1",
		"groupchat.rate-limit.user-burst=12", "groupchat.rate-limit.group-per-second=1",
		"groupchat.rate-limit.group-burst=6" })
class SendCheckOrderTest extends EndToEndTest {

	@Test
	void aMutedMemberCannotEditTheirMessage() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		long seq = post(member, groupId, "m1", "before the mute").json().path("seq").asLong();
		Api.Response muted = api.as(owner)
			.patch("/api/v1/groups/" + groupId + "/members/" + member,
					Map.of("mutedUntil", Instant.now().plus(1, ChronoUnit.HOURS).toString()));
		assertThat(muted.status()).as(muted.raw()).isEqualTo(200);

		Api.Response edit = edit(member, groupId, seq, "edited while muted");

		assertThat(edit.status()).as(edit.raw()).isEqualTo(403);
		assertThat(textOf(owner, groupId, seq)).isEqualTo("before the mute");
	}

	@Test
	void underPostPolicyAdminsAMemberCannotEditButAnAdminCan() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		long memberSeq = post(member, groupId, "m1", "said before the change").json().path("seq").asLong();
		long ownerSeq = post(owner, groupId, "o1", "announcement").json().path("seq").asLong();
		configure(groupId, owner, Map.of("postPolicy", "ADMINS"));

		Api.Response refused = edit(member, groupId, memberSeq, "sneaking in after the change");
		Api.Response allowed = edit(owner, groupId, ownerSeq, "announcement, corrected");

		assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
		assertThat(textOf(owner, groupId, memberSeq)).isEqualTo("said before the change");
		assertThat(allowed.status()).as(allowed.raw()).isEqualTo(200);
	}

	@Test
	void anEditWithABlockedWordIsRefusedWith422AndChangesNothing() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		filter(owner, groupId, "spoiler");
		long seq = post(member, groupId, "m1", "harmless").json().path("seq").asLong();

		Api.Response edit = edit(member, groupId, seq, "a huge SPOILER after all");

		assertThat(edit.status()).as(edit.raw()).isEqualTo(422);
		assertThat(edit.text("type")).isEqualTo(ProblemType.MESSAGE_BLOCKED.type().toString());
		assertThat(textOf(owner, groupId, seq)).isEqualTo("harmless");
	}

	@Test
	void editsAreRateLimitedLikeMessages() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		long seq = post(owner, groupId, "o1", "version 0").json().path("seq").asLong();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 1; i <= 15; i++) {
			statuses.add(edit(owner, groupId, seq, "version " + i).status());
		}
		assertThat(statuses).contains(429);
		assertThat(statuses).allMatch(status -> status == 200 || status == 429);
	}

	@Test
	void anOutsiderHammeringAGroupIsRefusedAndLeavesItsBucketToTheMembers() {
		String owner = user("owner");
		String member = user("member");
		String outsider = user("outsider");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			statuses.add(post(outsider, groupId, "x" + i, "let me in " + i).status());
		}
		assertThat(statuses).allMatch(status -> status == 403 || status == 404);

		Api.Response byMember = post(member, groupId, "m1", "still here");

		assertThat(byMember.status()).as(byMember.raw()).isEqualTo(201);
	}

	@Test
	void anOutsiderLearnsNothingOfAPrivateGroupsFilter() throws Exception {
		String owner = user("owner");
		String outsider = user("outsider");
		String groupId = createGroup(owner, "FAN");
		filter(owner, groupId, "secretword");

		Api.Response overRest = post(outsider, groupId, "x1", "is it secretword?");
		JsonNode overStomp = sendOverStomp(outsider, groupId, "or secretword?");

		assertThat(overRest.status()).as(overRest.raw()).isIn(403, 404);
		assertThat(overStomp.path("status").asString()).isEqualTo("ERROR");
		assertThat(overStomp.path("problem").path("status").asInt()).isIn(403, 404);
	}

	@Test
	void aReaderOfAPublicFanGroupWhoIsNoMemberGets403NotTheFiltersVerdict() {
		String owner = user("owner");
		String reader = user("reader");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "OPEN"));
		filter(owner, groupId, "secretword");

		Api.Response attempt = post(reader, groupId, "r1", "secretword");

		assertThat(attempt.status()).as(attempt.raw()).isEqualTo(403);
	}

	private Api.Response post(String userId, String groupId, String clientMsgId, String text) {
		return api.as(userId)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", clientMsgId, "type", "TEXT", "text", text));
	}

	private Api.Response edit(String userId, String groupId, long seq, String text) {
		return api.as(userId).patch("/api/v1/groups/" + groupId + "/messages/" + seq, Map.of("text", text));
	}

	private String textOf(String reader, String groupId, long seq) {
		JsonNode page = api.as(reader).get("/api/v1/groups/" + groupId + "/messages?limit=200").json();
		for (JsonNode message : page.path("messages")) {
			if (message.path("seq").asLong() == seq) {
				return message.path("text").asString();
			}
		}
		throw new AssertionError("no message " + seq);
	}

	private void filter(String owner, String groupId, String word) {
		Api.Response set = api.as(owner)
			.put("/api/v1/groups/" + groupId + "/keyword-filter", Map.of("words", List.of(word)));
		assertThat(set.status()).as(set.raw()).isEqualTo(200);
	}

	private JsonNode sendOverStomp(String userId, String groupId, String text) throws Exception {
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(userId))) {
			StompTestClient.Subscription acks = client.subscribeAndAwait("/user/queue/acks");
			client.sendAndAwait("/app/group." + groupId + ".send",
					Map.of("clientMsgId", "stomp-1", "type", "TEXT", "text", text));
			JsonNode ack = acks.next(Duration.ofSeconds(10));
			assertThat(ack).as("an ack").isNotNull();
			return ack;
		}
	}

}
