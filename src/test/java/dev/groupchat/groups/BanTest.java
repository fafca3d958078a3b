package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A ban removes a member and keeps them out until it is lifted. */
class BanTest extends EndToEndTest {

	private static final String BANNED = ProblemType.BANNED.type().toString();

	@Test
	void aBanRemovesTheMember() {
		String owner = user("owner");
		String troll = user("troll");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, troll);
		assertThat(memberCount(owner, groupId)).isEqualTo(2);

		Api.Response banned = ban(owner, groupId, troll, "spam");

		assertThat(banned.status()).as(banned.raw()).isEqualTo(201);
		assertThat(banned.text("userId")).isEqualTo(troll);
		assertThat(banned.text("reason")).isEqualTo("spam");
		assertThat(banned.text("bannedBy")).isEqualTo(owner);
		assertThat(memberCount(owner, groupId)).isEqualTo(1);
		assertThat(memberIds(owner, groupId)).containsExactly(owner);
		assertThat(api.as(troll).get("/api/v1/groups/" + groupId).status()).isEqualTo(404);
		assertThat(api.as(troll)
			.get("/api/v1/groups")
			.json()
			.path("items")
			.valueStream()
			.map(g -> g.path("id").asString())
			.toList()).doesNotContain(groupId);
	}

	@Test
	void aBannedUserCannotComeBackInAnyWay() {
		String owner = user("owner");
		String troll = user("troll");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "OPEN"));
		addMember(groupId, owner, troll);
		assertThat(ban(owner, groupId, troll, null).status()).isEqualTo(201);
		String code = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of()).text("code");

		Api.Response byInvite = api.as(troll).post("/api/v1/invites/" + code + "/join", Map.of());
		Api.Response publicJoin = api.as(troll).post("/api/v1/groups/" + groupId + "/join", Map.of());
		Api.Response added = api.as(owner).post("/api/v1/groups/" + groupId + "/members", Map.of("userId", troll));

		for (Api.Response refused : List.of(byInvite, publicJoin, added)) {
			assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
			assertThat(refused.text("type")).isEqualTo(BANNED);
		}
		assertThat(memberIds(owner, groupId)).containsExactly(owner);
	}

	@Test
	void aBanCanKeepOutSomeoneWhoNeverJoined() {
		String owner = user("owner");
		String stranger = user("stranger");
		String groupId = createGroup(owner, "CHAT");

		assertThat(ban(owner, groupId, stranger, "known spammer").status()).isEqualTo(201);

		String code = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of()).text("code");
		Api.Response refused = api.as(stranger).post("/api/v1/invites/" + code + "/join", Map.of());
		assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
		assertThat(refused.text("type")).isEqualTo(BANNED);
		assertThat(memberCount(owner, groupId)).isEqualTo(1);
	}

	@Test
	void moderatorsSeeTheBansNewestFirstWithReasonAndWhoBannedUntilLifted() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		String first = user("spammer");
		String second = user("troll");
		String third = user("bot");
		ban(owner, groupId, first, "spam");
		ban(owner, groupId, second, "insults");
		ban(owner, groupId, third, null);
		api.as(owner).delete("/api/v1/groups/" + groupId + "/bans/" + second);

		Api.Response page = api.as(owner).get("/api/v1/groups/" + groupId + "/bans?limit=1");
		assertThat(page.status()).as(page.raw()).isEqualTo(200);
		assertThat(page.json().path("items").get(0).path("userId").asString()).isEqualTo(third);
		String cursor = page.json().path("nextCursor").asString();
		Api.Response next = api.as(owner)
			.get("/api/v1/groups/" + groupId + "/bans?limit=5&cursor="
					+ URLEncoder.encode(cursor, StandardCharsets.UTF_8));

		assertThat(next.json().path("items").valueStream().map(b -> b.path("userId").asString()).toList())
			.containsExactly(first);
		assertThat(next.json().path("items").get(0).path("reason").asString()).isEqualTo("spam");
		assertThat(next.json().path("items").get(0).path("bannedBy").asString()).isEqualTo(owner);
		assertThat(next.json().path("nextCursor").isNull()).isTrue();
	}

	@Test
	void liftingABanLetsThemJoinAgain() {
		String owner = user("owner");
		String troll = user("troll");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, troll);
		ban(owner, groupId, troll, null);

		Api.Response lifted = api.as(owner).delete("/api/v1/groups/" + groupId + "/bans/" + troll);

		assertThat(lifted.status()).as(lifted.raw()).isEqualTo(204);
		String code = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of()).text("code");
		Api.Response back = api.as(troll).post("/api/v1/invites/" + code + "/join", Map.of());
		assertThat(back.status()).as(back.raw()).isEqualTo(201);
		assertThat(memberIds(owner, groupId)).containsExactly(owner, troll);
		assertThat(api.as(owner).delete("/api/v1/groups/" + groupId + "/bans/" + troll).status())
			.as("no ban left to lift")
			.isEqualTo(404);
	}

	@Test
	void banningAgainChangesNothing() {
		String owner = user("owner");
		String admin = user("admin");
		String troll = user("troll");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, admin);
		makeAdmin(groupId, owner, admin);
		addMember(groupId, owner, troll);
		ban(owner, groupId, troll, "first");

		Api.Response again = ban(admin, groupId, troll, "second");

		assertThat(again.status()).as(again.raw()).isEqualTo(200);
		assertThat(again.text("reason")).isEqualTo("first");
		assertThat(again.text("bannedBy")).isEqualTo(owner);
		assertThat(memberCount(owner, groupId)).isEqualTo(2);
	}

	@Test
	void anAdminCannotBanTheOwner() {
		String owner = user("owner");
		String admin = user("admin");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, admin);
		makeAdmin(groupId, owner, admin);

		Api.Response refused = ban(admin, groupId, owner, null);

		assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
		assertThat(memberIds(admin, groupId)).containsExactly(owner, admin);
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId).status()).isEqualTo(200);
	}

	@Test
	void nobodyCanBanThemselves() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");

		Api.Response refused = ban(owner, groupId, owner, null);

		assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
		assertThat(memberIds(owner, groupId)).containsExactly(owner);
	}

	@Test
	void aBannedUsersWaitingRequestCannotBeApproved() {
		String owner = user("owner");
		String requester = user("requester");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("joinPolicy", "APPROVAL"));
		String code = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of()).text("code");
		assertThat(api.as(requester).post("/api/v1/invites/" + code + "/join", Map.of()).status()).isEqualTo(202);
		assertThat(ban(owner, groupId, requester, "changed my mind").status()).isEqualTo(201);

		Api.Response approved = api.as(owner)
			.post("/api/v1/groups/" + groupId + "/join-requests/" + requester + "/approve", Map.of());

		assertThat(approved.status()).as(approved.raw()).isIn(403, 404);
		assertThat(memberIds(owner, groupId)).containsExactly(owner);
	}

	private Api.Response ban(String by, String groupId, String userId, String reason) {
		Map<String, Object> body = reason == null ? Map.of("userId", userId)
				: Map.of("userId", userId, "reason", reason);
		return api.as(by).post("/api/v1/groups/" + groupId + "/bans", body);
	}

	private int memberCount(String asUser, String groupId) {
		Api.Response response = api.as(asUser).get("/api/v1/groups/" + groupId);
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		return response.json().path("memberCount").asInt();
	}

	private List<String> memberIds(String asUser, String groupId) {
		Api.Response response = api.as(asUser).get("/api/v1/groups/" + groupId + "/members");
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		return response.json().path("items").findValuesAsString("userId");
	}

}
