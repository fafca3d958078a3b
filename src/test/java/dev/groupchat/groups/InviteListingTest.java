package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Listing and revoking invites, and invites that die with their creator's right to
 * invite.
 */
class InviteListingTest extends EndToEndTest {

	private static final String INVITE_INVALID = ProblemType.INVITE_INVALID.type().toString();

	@Test
	void theOwnerSeesEveryLiveInviteWithItsUseCountsNewestFirst() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		String first = invite(owner, groupId, Map.of("maxUses", 3));
		String second = invite(member, groupId, Map.of());
		assertThat(join(user("joiner"), first).status()).isEqualTo(201);

		JsonNode page = list(owner, groupId, "").json();

		assertThat(codes(page)).containsExactly(second, first);
		JsonNode used = page.path("items").get(1);
		assertThat(used.path("createdBy").asString()).isEqualTo(owner);
		assertThat(used.path("uses").asInt()).isEqualTo(1);
		assertThat(used.path("maxUses").asInt()).isEqualTo(3);
		assertThat(used.path("valid").asBoolean()).isTrue();
		assertThat(used.path("createdAt").asString()).isNotBlank();
		assertThat(used.path("expiresAt").asString()).isNotBlank();
		assertThat(page.path("items").get(0).path("createdBy").asString()).isEqualTo(member);
		assertThat(page.path("nextCursor").isNull()).isTrue();
	}

	@Test
	void eachInviteTellsWhichFansItBroughtIncludingThoseApprovedLaterAndNotThoseWhoLeft() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		String tiktok = invite(owner, groupId, Map.of());
		String youtube = invite(owner, groupId, Map.of());
		String first = user("fan");
		String second = user("fan");
		String leaver = user("fan");
		String fromYoutube = user("fan");
		for (String fan : List.of(first, second, leaver)) {
			assertThat(join(fan, tiktok).status()).isEqualTo(201);
		}
		assertThat(api.as(leaver).delete("/api/v1/groups/" + groupId + "/members/me").status()).isEqualTo(204);
		configure(groupId, owner, Map.of("joinPolicy", "APPROVAL"));
		assertThat(join(fromYoutube, youtube).status()).isEqualTo(202);
		assertThat(api.as(owner)
			.post("/api/v1/groups/" + groupId + "/join-requests/" + fromYoutube + "/approve", Map.of())
			.status()).isEqualTo(200);
		addMember(groupId, owner, user("added"));

		JsonNode page = list(owner, groupId, "").json();
		Api.Response brought = api.as(owner).get("/api/v1/groups/" + groupId + "/invites/" + tiktok + "/members");

		assertThat(codes(page)).containsExactly(youtube, tiktok);
		assertThat(page.path("items").get(1).path("uses").asInt()).isEqualTo(3);
		assertThat(page.path("items").get(1).path("members").asInt()).isEqualTo(2);
		assertThat(page.path("items").get(0).path("members").asInt()).isEqualTo(1);
		assertThat(brought.status()).as(brought.raw()).isEqualTo(200);
		assertThat(brought.json().path("items").valueStream().map(m -> m.path("userId").asString()).toList())
			.containsExactly(first, second);
		assertThat(api.as(owner)
			.get("/api/v1/groups/" + groupId + "/invites/" + youtube + "/members")
			.json()
			.path("items")
			.valueStream()
			.map(m -> m.path("userId").asString())
			.toList()).containsExactly(fromYoutube);
		assertThat(api.as(first).get("/api/v1/groups/" + groupId + "/invites/" + tiktok + "/members").status())
			.as("a fan may not see who else came with the link")
			.isEqualTo(403);
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId + "/invites/NOSUCHCODE/members").status())
			.isEqualTo(404);
	}

	@Test
	void pagesWalkEveryInviteOnceAndTheLastPageHasNoCursor() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		List<String> made = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			made.add(0, invite(owner, groupId, Map.of()));
		}

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = list(owner, groupId, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
			seen.addAll(codes(page));
			cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
			pages++;
		}
		while (cursor != null && pages < 10);

		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyInAnyOrderElementsOf(made).doesNotHaveDuplicates();
	}

	@Test
	void aMemberOfAChatGroupSeesAndRevokesOnlyTheirOwnInvites() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		String ownersCode = invite(owner, groupId, Map.of());
		String membersCode = invite(member, groupId, Map.of());

		assertThat(codes(list(member, groupId, "").json())).containsExactly(membersCode);
		Api.Response others = api.as(member).delete(invites(groupId) + "/" + ownersCode);
		assertThat(others.status()).as(others.raw()).isEqualTo(403);
		assertThat(join(user("joiner"), ownersCode).status()).isEqualTo(201);

		assertThat(api.as(member).delete(invites(groupId) + "/" + membersCode).status()).isEqualTo(204);
		assertThat(join(user("late"), membersCode).status()).isEqualTo(410);
	}

	@Test
	void aRevokedInviteIsGoneFromTheListAndAnswers410AndRevokingAgainIsHarmless() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		String code = invite(owner, groupId, Map.of());

		assertThat(api.as(owner).delete(invites(groupId) + "/" + code).status()).isEqualTo(204);
		assertThat(api.as(owner).delete(invites(groupId) + "/" + code).status()).isEqualTo(204);

		Api.Response late = join(user("late"), code);
		assertThat(late.status()).as(late.raw()).isEqualTo(410);
		assertThat(late.text("type")).isEqualTo(INVITE_INVALID);
		assertThat(late.text("detail")).contains("revoked");
		assertThat(codes(list(owner, groupId, "").json())).isEmpty();
	}

	@Test
	void anInviteOfAnotherGroupOrAnUnknownCodeIsNotFound() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		String otherGroup = createGroup(owner, "CHAT");
		String code = invite(owner, otherGroup, Map.of());

		assertThat(api.as(owner).delete(invites(groupId) + "/" + code).status()).isEqualTo(404);
		assertThat(api.as(owner).delete(invites(groupId) + "/NoSuchCode42").status()).isEqualTo(404);
		assertThat(api.as(owner).delete(invites(groupId) + "/" + "x".repeat(300)).status()).isEqualTo(404);
		assertThat(join(user("joiner"), code).status()).isEqualTo(201);
	}

	@Test
	void anExpiredInviteIsListedAsNoLongerValid() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		invite(owner, groupId, Map.of("expiresInSeconds", 1));

		clock.advance(Duration.ofMillis(1_500));

		assertThat(list(owner, groupId, "").json().path("items").get(0).path("valid").asBoolean()).isFalse();
	}

	@Test
	void invitesOfACreatorWhoLeavesStopWorking() {
		Creator creator = creatorInFan();

		assertThat(api.as(creator.id()).delete("/api/v1/groups/" + creator.groupId() + "/members/me").status())
			.isEqualTo(204);

		assertGone(creator);
	}

	@Test
	void invitesOfACreatorWhoIsKickedStopWorking() {
		Creator creator = creatorInFan();

		assertThat(api.as(creator.owner())
			.delete("/api/v1/groups/" + creator.groupId() + "/members/" + creator.id())
			.status()).isEqualTo(204);

		assertGone(creator);
	}

	@Test
	void invitesOfACreatorWhoIsBannedStopWorking() {
		Creator creator = creatorInFan();

		assertThat(api.as(creator.owner())
			.post("/api/v1/groups/" + creator.groupId() + "/bans", Map.of("userId", creator.id()))
			.status()).isEqualTo(201);

		assertGone(creator);
	}

	@Test
	void invitesOfAnAdminDemotedInAFanGroupStopWorkingAndStayDeadAfterPromotion() {
		Creator creator = creatorInFan();

		setRole(creator, "MEMBER");
		setRole(creator, "ADMIN");

		assertGone(creator);
	}

	@Test
	void inAChatGroupADemotedAdminMayStillInviteSoTheirInvitesKeepWorking() {
		String owner = user("owner");
		String admin = user("admin");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, admin);
		makeAdmin(groupId, owner, admin);
		String code = invite(admin, groupId, Map.of());

		setRole(new Creator(owner, admin, groupId, code), "MEMBER");

		assertThat(join(user("joiner"), code).status()).isEqualTo(201);
	}

	@Test
	void aMemberOfAFanGroupMayNotListInvites() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);

		Api.Response response = list(member, groupId, "");

		assertThat(response.status()).as(response.raw()).isEqualTo(403);
	}

	private Creator creatorInFan() {
		String owner = user("owner");
		String admin = user("admin");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, admin);
		makeAdmin(groupId, owner, admin);
		return new Creator(owner, admin, groupId, invite(admin, groupId, Map.of()));
	}

	private void assertGone(Creator creator) {
		Api.Response late = join(user("late"), creator.code());
		assertThat(late.status()).as(late.raw()).isEqualTo(410);
		assertThat(late.text("type")).isEqualTo(INVITE_INVALID);
		assertThat(codes(list(creator.owner(), creator.groupId(), "").json())).doesNotContain(creator.code());
	}

	private void setRole(Creator creator, String role) {
		Api.Response changed = api.as(creator.owner())
			.patch("/api/v1/groups/" + creator.groupId() + "/members/" + creator.id(), Map.of("role", role));
		assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
	}

	private String invite(String by, String groupId, Map<String, Object> body) {
		Api.Response created = api.as(by).post(invites(groupId), body);
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		return created.text("code");
	}

	private Api.Response list(String by, String groupId, String query) {
		return api.as(by).get(invites(groupId) + query);
	}

	private Api.Response join(String userId, String code) {
		return api.as(userId).post("/api/v1/invites/" + code + "/join", Map.of());
	}

	private static String invites(String groupId) {
		return "/api/v1/groups/" + groupId + "/invites";
	}

	private static List<String> codes(JsonNode page) {
		List<String> codes = new ArrayList<>();
		page.path("items").forEach(item -> codes.add(item.path("code").asString()));
		return codes;
	}

	record Creator(String owner, String id, String groupId, String code) {
	}

}
