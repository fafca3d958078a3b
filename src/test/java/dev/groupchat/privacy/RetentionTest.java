package dev.groupchat.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A group's retentionDays: older messages become tombstones, nothing else changes. */
class RetentionTest extends MessagingEndToEndTest {

	@Autowired
	RetentionJob retention;

	@Autowired
	JdbcClient jdbc;

	@Test
	void messagesOlderThanTheRetentionPeriodBecomeTombstonesAndNothingElseChanges() {
		String owner = user("owner");
		String member = user("member");
		String kept = createGroup(owner, "FAN");
		addMember(kept, owner, member);
		for (int i = 1; i <= 5; i++) {
			post(i % 2 == 0 ? member : owner, kept, "k-" + i, "message " + i);
		}
		react(member, kept, 1, "❤️");
		react(owner, kept, 4, "🔥");
		String forever = createGroup(owner, "FAN");
		post(owner, forever, "f-1", "old but kept forever");
		String recent = createGroup(owner, "FAN");
		post(owner, recent, "r-1", "new enough");
		configure(kept, owner, Map.of("retentionDays", 30));
		configure(recent, owner, Map.of("retentionDays", 30));
		backdate(kept, 1, 3, Duration.ofDays(31));
		backdate(forever, 1, 1, Duration.ofDays(400));
		backdate(recent, 1, 1, Duration.ofDays(29));

		retention.runOnce();

		JsonNode history = history(member, kept);
		assertThat(rows(history, m -> m.path("seq").asLong())).as("seq stays contiguous").isEqualTo(oneTo(5));
		assertThat(rows(history, m -> m.path("deleted").asBoolean())).containsExactly(true, true, true, false, false);
		assertThat(rows(history, m -> m.path("text").asString(null))).containsExactly(null, null, null, "message 4",
				"message 5");
		assertThat(history.get(0).path("reactions").properties()).as("reactions go with the message").isEmpty();
		assertThat(history.get(0).path("clientMsgId").asString()).as("the envelope stays").isEqualTo("k-1");
		assertThat(history.get(3).path("reactions").path("🔥").asInt()).isEqualTo(1);
		assertThat(history(owner, forever).get(0).path("text").asString()).isEqualTo("old but kept forever");
		assertThat(history(owner, recent).get(0).path("text").asString()).isEqualTo("new enough");
	}

	@Test
	void aSecondPassFindsNothingMoreToDo() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		for (int i = 1; i <= 3; i++) {
			post(owner, groupId, "m-" + i, "message " + i);
		}
		configure(groupId, owner, Map.of("retentionDays", 1));
		backdate(groupId, 1, 3, Duration.ofDays(2));
		retention.runOnce();
		post(owner, groupId, "m-4", "after the pass");

		retention.runOnce();

		JsonNode history = history(owner, groupId);
		assertThat(rows(history, m -> m.path("seq").asLong())).isEqualTo(oneTo(4));
		assertThat(rows(history, m -> m.path("deleted").asBoolean())).containsExactly(true, true, true, false);
	}

	@Test
	void ownersAndAdminsSetRetentionWithinOneDayAndTenYearsAndNullKeepsForever() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		String group = "/api/v1/groups/" + groupId;
		assertThat(api.as(owner).get(group).json().path("retentionDays").isNull()).as("kept forever by default")
			.isTrue();

		Api.Response zero = api.as(owner).patch(group, Map.of("retentionDays", 0));
		Api.Response tooLong = api.as(owner).patch(group, Map.of("retentionDays", 4000));
		Api.Response byMember = api.as(member).patch(group, Map.of("retentionDays", 30));
		Api.Response year = api.as(owner).patch(group, Map.of("retentionDays", 365));

		assertThat(zero.status()).as(zero.raw()).isEqualTo(400);
		assertThat(zero.text("type")).isEqualTo(ProblemType.VALIDATION.type().toString());
		assertThat(tooLong.status()).as(tooLong.raw()).isEqualTo(400);
		assertThat(byMember.status()).as(byMember.raw()).isEqualTo(403);
		assertThat(year.status()).as(year.raw()).isEqualTo(200);
		assertThat(year.json().path("retentionDays").asInt()).isEqualTo(365);
		Map<String, Object> keepForever = new HashMap<>();
		keepForever.put("retentionDays", null);
		Api.Response cleared = api.as(owner).patch(group, keepForever);
		assertThat(cleared.status()).as(cleared.raw()).isEqualTo(200);
		assertThat(cleared.json().path("retentionDays").isNull()).isTrue();
		Api.Response renamed = api.as(owner).patch(group, Map.of("name", "Renamed"));
		assertThat(renamed.json().path("retentionDays").isNull()).as("absent leaves it as it is").isTrue();
	}

	@Test
	void anExpiredMessageIsNoLongerFoundBySearch() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		post(owner, groupId, "old-1", "the old giveaway code");
		long recent = post(owner, groupId, "new-1", "the new giveaway code");
		configure(groupId, owner, Map.of("retentionDays", 30));
		backdate(groupId, 1, 1, Duration.ofDays(31));

		retention.runOnce();

		JsonNode found = api.as(owner).get(messages(groupId) + "/search?q=giveaway").json().path("items");
		assertThat(rows(found, m -> m.path("seq").asLong())).containsExactly(recent);
	}

	@Test
	void anExpiredMessageLosesItsPinAndTheGroupIsToldLive() throws Exception {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		long old = post(owner, groupId, "p-1", "an old announcement");
		long fresh = post(owner, groupId, "p-2", "a fresh pin");
		String pins = "/api/v1/groups/" + groupId + "/pins/";
		assertThat(api.as(owner).put(pins + old, Map.of("announcement", true)).status()).isEqualTo(201);
		assertThat(api.as(owner).put(pins + fresh, Map.of()).status()).isEqualTo(201);
		configure(groupId, owner, Map.of("retentionDays", 30));
		backdate(groupId, old, old, Duration.ofDays(31));
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(member))) {
			StompTestClient.Subscription topic = client.subscribeAndAwait("/topic/group." + groupId);

			retention.runOnce();

			JsonNode unpinned = topic.next("pin.changed", Duration.ofSeconds(10));
			assertThat(unpinned).isNotNull();
			assertThat(unpinned.path("seq").asLong()).isEqualTo(old);
			assertThat(unpinned.path("change").asString()).isEqualTo("MESSAGE_EXPIRED");
			assertThat(unpinned.path("announcementSeq").isNull()).isTrue();
		}
		JsonNode listed = api.as(member).get("/api/v1/groups/" + groupId + "/pins").json().path("items");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).path("seq").asLong()).isEqualTo(fresh);
		assertThat(api.as(member).get("/api/v1/groups/" + groupId).json().path("announcement").isNull()).isTrue();
	}

	/**
	 * The only SQL here: makes messages {@code from..to} of a group look {@code age} old.
	 */
	private void backdate(String groupId, long from, long to, Duration age) {
		jdbc.sql("update message set created_at = :at where group_id = :groupId and seq between :from and :to")
			.param("at", Timestamp.from(Instant.now().minus(age)))
			.param("groupId", UUID.fromString(groupId))
			.param("from", from)
			.param("to", to)
			.update();
	}

}
