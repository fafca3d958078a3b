package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Ways into a group for people nobody added: invite links, public joins and join
 * requests.
 */
class JoiningTest extends EndToEndTest {

	private static final String INVITE_INVALID = ProblemType.INVITE_INVALID.type().toString();

	@Test
	void anInviteWithTwoUsesLetsTwoPeopleInAndTurnsTheThirdAway() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		String code = invite(owner, groupId, Map.of("maxUses", 2));

		assertThat(join(user("first"), code).status()).isEqualTo(201);
		assertThat(join(user("second"), code).status()).isEqualTo(201);
		Api.Response third = join(user("third"), code);

		assertThat(third.status()).as(third.raw()).isEqualTo(410);
		assertThat(third.text("type")).isEqualTo(INVITE_INVALID);
		assertThat(group(owner, groupId).path("memberCount").asInt()).isEqualTo(3);
	}

	@Test
	void anExpiredInviteIsGone() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		String code = invite(owner, groupId, Map.of("expiresInSeconds", 1));

		clock.advance(Duration.ofMillis(1_500));
		Api.Response late = join(user("late"), code);

		assertThat(late.status()).as(late.raw()).isEqualTo(410);
		assertThat(late.text("type")).isEqualTo(INVITE_INVALID);
		assertThat(late.contentType()).startsWith("application/problem+json");
	}

	@Test
	void anInviteAnswersWithItsCodeLimitsAndUses() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");

		Api.Response created = api.as(owner)
			.post("/api/v1/groups/" + groupId + "/invites", Map.of("maxUses", 5, "expiresInSeconds", 3600));

		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		assertThat(created.text("code")).isNotBlank();
		assertThat(created.json().path("maxUses").asInt()).isEqualTo(5);
		assertThat(created.json().path("uses").asInt()).isZero();
		assertThat(created.text("expiresAt")).isNotBlank();
	}

	@Test
	void anUnknownInviteCodeIsNotFound() {
		Api.Response response = join(user("someone"), "NoSuchCode42");

		assertThat(response.status()).as(response.raw()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void aMemberUsingAnInviteStaysAMemberAndUsesNothing() {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		String code = invite(owner, groupId, Map.of("maxUses", 1));

		Api.Response again = join(member, code);

		assertThat(again.status()).as(again.raw()).isEqualTo(200);
		assertThat(again.text("userId")).isEqualTo(member);
		assertThat(again.text("role")).isEqualTo("MEMBER");
		assertThat(join(user("newcomer"), code).status()).as("the one use is still there").isEqualTo(201);
		assertThat(join(user("another"), code).status()).isEqualTo(410);
	}

	@Test
	void underApprovalAnInviteJoinWaitsUntilAModeratorApproves() {
		String owner = user("owner");
		String admin = user("admin");
		String requester = user("requester");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, admin);
		makeAdmin(groupId, owner, admin);
		configure(groupId, owner, Map.of("joinPolicy", "APPROVAL"));
		String code = invite(owner, groupId, Map.of());

		Api.Response asked = join(requester, code);

		assertThat(asked.status()).as(asked.raw()).isEqualTo(202);
		assertThat(asked.text("status")).isEqualTo("PENDING");
		assertThat(api.as(requester).get("/api/v1/groups/" + groupId).status()).as("not a member yet").isEqualTo(404);
		assertThat(pendingUserIds(owner, groupId)).containsExactly(requester);

		Api.Response approved = api.as(admin)
			.post("/api/v1/groups/" + groupId + "/join-requests/" + requester + "/approve", Map.of());

		assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
		assertThat(approved.text("userId")).isEqualTo(requester);
		assertThat(approved.text("role")).isEqualTo("MEMBER");
		assertThat(memberIds(owner, groupId)).contains(requester);
		assertThat(group(requester, groupId).path("memberCount").asInt()).isEqualTo(3);
		assertThat(pendingUserIds(owner, groupId)).isEmpty();
	}

	@Test
	void askingAgainWhileWaitingKeepsOneRequestAndUsesTheInviteOnce() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		configure(groupId, owner, Map.of("joinPolicy", "APPROVAL"));
		String code = invite(owner, groupId, Map.of("maxUses", 2));
		String requester = user("requester");

		assertThat(join(requester, code).status()).isEqualTo(202);
		assertThat(join(requester, code).status()).as("a client retrying").isEqualTo(202);

		assertThat(pendingUserIds(owner, groupId)).containsExactly(requester);
		Api.Response other = join(user("other"), code);
		assertThat(other.status()).as("the retry must not have used up the invite: " + other.raw()).isEqualTo(202);
	}

	@Test
	void underApprovalAPublicJoinCanBeRejected() {
		String owner = user("owner");
		String fan = user("fan");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "APPROVAL"));

		Api.Response asked = api.as(fan).post("/api/v1/groups/" + groupId + "/join", Map.of());

		assertThat(asked.status()).as(asked.raw()).isEqualTo(202);
		assertThat(asked.text("status")).isEqualTo("PENDING");
		assertThat(pendingUserIds(owner, groupId)).containsExactly(fan);

		Api.Response rejected = api.as(owner)
			.post("/api/v1/groups/" + groupId + "/join-requests/" + fan + "/reject", Map.of());

		assertThat(rejected.status()).as(rejected.raw()).isEqualTo(204);
		assertThat(memberIds(owner, groupId)).containsExactly(owner);
		assertThat(pendingUserIds(owner, groupId)).isEmpty();
		assertThat(api.as(fan).get("/api/v1/groups/" + groupId + "/members").status()).isEqualTo(403);
		assertThat(api.as(owner)
			.post("/api/v1/groups/" + groupId + "/join-requests/" + fan + "/approve", Map.of())
			.status()).as("a decided request cannot be approved afterwards").isEqualTo(404);
	}

	@Test
	void anOpenPublicGroupIsJoinedAtOnce() {
		String owner = user("owner");
		String fan = user("fan");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "OPEN"));

		Api.Response joined = api.as(fan).post("/api/v1/groups/" + groupId + "/join", Map.of());

		assertThat(joined.status()).as(joined.raw()).isEqualTo(201);
		assertThat(joined.text("userId")).isEqualTo(fan);
		assertThat(memberIds(owner, groupId)).containsExactly(owner, fan);
		assertThat(api.as(fan)
			.get("/api/v1/groups")
			.json()
			.path("items")
			.valueStream()
			.map(g -> g.path("id").asString())
			.toList()).contains(groupId);
	}

	@Test
	void aPublicInviteOnlyGroupCannotBeJoinedWithoutAnInvite() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "INVITE_ONLY"));

		Api.Response refused = api.as(user("fan")).post("/api/v1/groups/" + groupId + "/join", Map.of());

		assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(group(owner, groupId).path("memberCount").asInt()).isEqualTo(1);
	}

	@Test
	void aPrivateGroupCannotBeFoundToJoin() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("joinPolicy", "OPEN"));

		Api.Response refused = api.as(user("stranger")).post("/api/v1/groups/" + groupId + "/join", Map.of());

		assertThat(refused.status()).as(refused.raw()).isEqualTo(404);
		assertThat(group(owner, groupId).path("memberCount").asInt()).isEqualTo(1);
	}

	@Test
	void aFullGroupRefusesAnInviteJoinWithoutUsingTheInvite() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		configure(groupId, owner, Map.of("memberLimit", 2));
		String code = invite(owner, groupId, Map.of("maxUses", 1));
		String second = user("second");
		addMember(groupId, owner, second);

		Api.Response refused = join(user("third"), code);

		assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
		assertThat(refused.text("type")).isEqualTo(ProblemType.GROUP_FULL.type().toString());
		assertThat(api.as(second).delete("/api/v1/groups/" + groupId + "/members/me").status()).isEqualTo(204);
		assertThat(join(user("fourth"), code).status()).as("the refused join did not use the invite").isEqualTo(201);
	}

	private String invite(String by, String groupId, Map<String, Object> body) {
		Api.Response created = api.as(by).post("/api/v1/groups/" + groupId + "/invites", body);
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		return created.text("code");
	}

	private Api.Response join(String userId, String code) {
		return api.as(userId).post("/api/v1/invites/" + code + "/join", Map.of());
	}

	private JsonNode group(String asUser, String groupId) {
		Api.Response response = api.as(asUser).get("/api/v1/groups/" + groupId);
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		return response.json();
	}

	private List<String> memberIds(String asUser, String groupId) {
		Api.Response response = api.as(asUser).get("/api/v1/groups/" + groupId + "/members");
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		return response.json().path("items").findValuesAsString("userId");
	}

	private List<String> pendingUserIds(String asUser, String groupId) {
		Api.Response response = api.as(asUser).get("/api/v1/groups/" + groupId + "/join-requests");
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		return response.json().path("items").findValuesAsString("userId");
	}

}
