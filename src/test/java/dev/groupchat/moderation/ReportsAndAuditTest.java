package dev.groupchat.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.GroupFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReportsAndAuditTest extends EndToEndTest {

	@Test
	void aReportResolvedByABanRemovesTheSenderAndClosesEveryReportOfTheMessage() {
		String owner = user("owner");
		String troll = user("troll");
		String fanA = user("fanA");
		String fanB = user("fanB");
		String groupId = createGroup(owner, "CHAT");
		for (String member : List.of(troll, fanA, fanB)) {
			addMember(groupId, owner, member);
		}
		long seq = api.as(troll)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", "bad", "type", "TEXT", "text", "spam spam"))
			.json()
			.path("seq")
			.asLong();
		Api.Response first = api.as(fanA)
			.post("/api/v1/groups/" + groupId + "/messages/" + seq + "/reports", Map.of("reason", "spam"));
		assertThat(first.status()).isEqualTo(201);
		assertThat(api.as(fanA)
			.post("/api/v1/groups/" + groupId + "/messages/" + seq + "/reports", Map.of("reason", "again"))
			.text("id")).isEqualTo(first.text("id"));
		assertThat(api.as(fanB)
			.post("/api/v1/groups/" + groupId + "/messages/" + seq + "/reports", Map.of("reason", "scam"))
			.status()).isEqualTo(201);
		assertThat(api.as(fanA).get("/api/v1/groups/" + groupId + "/reports").status()).isEqualTo(403);

		JsonNode open = api.as(owner).get("/api/v1/groups/" + groupId + "/reports").json().path("items");
		assertThat(open.size()).isEqualTo(2);
		assertThat(open.get(0).path("senderId").asString()).isEqualTo(troll);
		assertThat(open.get(0).path("message").path("text").asString()).isEqualTo("spam spam");
		assertThat(open.toString()).doesNotContain(fanA).doesNotContain(fanB);

		Api.Response resolved = api.as(owner)
			.post("/api/v1/groups/" + groupId + "/reports/" + first.text("id") + "/resolve",
					Map.of("action", "BAN", "reason", "spam bot"));
		assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);
		assertThat(resolved.text("status")).isEqualTo("ACTIONED");
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId + "/reports").json().path("items").size()).isZero();
		assertThat(api.as(troll).get("/api/v1/groups/" + groupId).status()).isEqualTo(404);
		JsonNode members = api.as(owner).get("/api/v1/groups/" + groupId + "/members").json().path("items");
		assertThat(members.toString()).doesNotContain(troll);
		assertThat(api.as(owner)
			.post("/api/v1/groups/" + groupId + "/reports/" + first.text("id") + "/resolve",
					Map.of("action", "DISMISS"))
			.status()).isEqualTo(409);
	}

	@Test
	void theAuditLogRecordsEveryModerationActionNewestFirst() {
		GroupFixture f = fixture("CHAT");
		api.as(f.admin())
			.patch("/api/v1/groups/" + f.groupId() + "/members/" + f.member(),
					Map.of("mutedUntil", Instant.now().plusSeconds(600).toString()));
		configure(f.groupId(), f.owner(), Map.of("slowModeSeconds", 5));
		api.as(f.owner()).put("/api/v1/groups/" + f.groupId() + "/keyword-filter", Map.of("words", List.of("badword")));
		long seq = api.as(f.owner())
			.post("/api/v1/groups/" + f.groupId() + "/messages",
					Map.of("clientMsgId", "x", "type", "TEXT", "text", "oops"))
			.json()
			.path("seq")
			.asLong();
		api.as(f.owner()).delete("/api/v1/groups/" + f.groupId() + "/messages/" + seq); // own
		// recall:
		// not
		// moderation
		api.as(f.admin()).delete("/api/v1/groups/" + f.groupId() + "/members/" + f.member());
		api.as(f.owner())
			.post("/api/v1/groups/" + f.groupId() + "/bans", Map.of("userId", f.member(), "reason", "rude"));
		api.as(f.owner()).delete("/api/v1/groups/" + f.groupId() + "/bans/" + f.member());

		Api.Response log = api.as(f.admin()).get("/api/v1/groups/" + f.groupId() + "/audit-log");
		assertThat(log.status()).isEqualTo(200);
		List<String> actions = new ArrayList<>();
		log.json().path("items").forEach(e -> actions.add(e.path("action").asString()));
		assertThat(actions).containsExactly("member.unbanned", "member.banned", "member.kicked",
				"group.keyword_filter_changed", "group.settings_changed", "member.muted", "member.role_changed");
		JsonNode ban = log.json().path("items").get(1);
		assertThat(ban.path("actorId").asString()).isEqualTo(f.owner());
		assertThat(ban.path("targetId").asString()).isEqualTo(f.member());
		assertThat(ban.path("reason").asString()).isEqualTo("rude");
		assertThat(api.as(f.member()).get("/api/v1/groups/" + f.groupId() + "/audit-log").status()).isEqualTo(404);
		Api.Response page = api.as(f.owner()).get("/api/v1/groups/" + f.groupId() + "/audit-log?limit=3");
		assertThat(page.json().path("items").size()).isEqualTo(3);
		Api.Response rest = api.as(f.owner())
			.get("/api/v1/groups/" + f.groupId() + "/audit-log?limit=10&cursor=" + page.text("nextCursor"));
		assertThat(rest.json().path("items").size()).isEqualTo(4);
	}

}
