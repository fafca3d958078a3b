package dev.groupchat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The stats endpoint against what the group's members actually did over the API. */
class GroupStatsTest extends EndToEndTest {

	@Test
	void statsCountWhatMembersDidToday() {
		String owner = user("owner");
		String chatty = user("chatty");
		String quiet = user("quiet");
		String leaver = user("leaver");
		String groupId = createGroup(owner, "FAN");
		String group = "/api/v1/groups/" + groupId;
		for (String member : List.of(chatty, quiet, leaver)) {
			addMember(groupId, owner, member);
		}
		assertThat(api.as(leaver).delete(group + "/members/me").status()).isEqualTo(204);
		long announcement = post(owner, group, "a1", "Big news tonight");
		for (int i = 0; i < 3; i++) {
			post(chatty, group, "c" + i, "hello " + i);
		}
		assertThat(api.as(quiet).post(group + "/read", Map.of("seq", announcement)).status()).isEqualTo(200);
		long spam = post(chatty, group, "spam", "buy now");
		assertThat(api.as(quiet).post(group + "/messages/" + spam + "/reports", Map.of("reason", "spam")).status())
			.isEqualTo(201);
		configure(groupId, owner, Map.of("joinPolicy", "APPROVAL"));
		String code = api.as(owner).post(group + "/invites", Map.of()).text("code");
		assertThat(api.as(user("fan")).post("/api/v1/invites/" + code + "/join", Map.of()).status()).isEqualTo(202);

		Api.Response response = api.as(owner).get(group + "/stats?days=30");

		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		JsonNode stats = response.json();
		assertThat(stats.path("memberCount").asInt()).isEqualTo(3);
		assertThat(stats.path("messagesToday").asLong()).isEqualTo(5);
		// owner and chatty posted, quiet read; the leaver is gone
		assertThat(stats.path("activeMembers7d").asLong()).isEqualTo(3);
		assertThat(stats.path("openReports").asLong()).isEqualTo(1);
		assertThat(stats.path("pendingJoinRequests").asLong()).isEqualTo(1);
		JsonNode days = stats.path("days");
		assertThat(days.size()).isEqualTo(30);
		JsonNode today = days.get(29);
		assertThat(today.path("date").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
		assertThat(today.path("messages").asLong()).isEqualTo(5);
		assertThat(today.path("joins").asInt()).isEqualTo(4);
		assertThat(today.path("leaves").asInt()).isEqualTo(1);
		assertThat(days.get(0).path("messages").asLong()).isZero();
		JsonNode top = stats.path("topPosters");
		assertThat(top.get(0).path("userId").asString()).isEqualTo(chatty);
		assertThat(top.get(0).path("messages").asLong()).isEqualTo(4);
		assertThat(top.get(0).path("name").asString()).isEqualTo("User " + chatty);
		assertThat(top.get(1).path("userId").asString()).isEqualTo(owner);
		JsonNode hours = stats.path("peakHours");
		assertThat(hours.size()).isEqualTo(24);
		long perHour = 0;
		for (JsonNode hour : hours) {
			perHour += hour.path("messages").asLong();
		}
		assertThat(perHour).isEqualTo(5);
		JsonNode announcements = stats.path("announcements");
		assertThat(announcements.size()).isEqualTo(1);
		assertThat(announcements.get(0).path("seq").asLong()).isEqualTo(announcement);
		assertThat(announcements.get(0).path("memberCount").asInt()).isEqualTo(3);
		// the owner (its author), quiet (read it) and chatty (posted after it)
		assertThat(announcements.get(0).path("readCount").asLong()).isEqualTo(3);
	}

	@Test
	void daysOutsideTheRangeAreAProblem() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		List<Integer> statuses = new ArrayList<>();
		for (String days : List.of("0", "91", "lots")) {
			Api.Response response = api.as(owner).get("/api/v1/groups/" + groupId + "/stats?days=" + days);
			assertThat(response.contentType()).startsWith("application/problem+json");
			statuses.add(response.status());
		}
		assertThat(statuses).containsOnly(400);
	}

	private long post(String sender, String group, String clientMsgId, String text) {
		Api.Response posted = api.as(sender)
			.post(group + "/messages", Map.of("clientMsgId", clientMsgId, "type", "TEXT", "text", text));
		assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
		return posted.json().path("seq").asLong();
	}

}
