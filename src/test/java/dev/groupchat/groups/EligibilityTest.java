package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may take part at all: the fan level a group asks for, and the age bands of young
 * users.
 */
class EligibilityTest extends EndToEndTest {

	private static final String FAN_LEVEL_TOO_LOW = ProblemType.FAN_LEVEL_TOO_LOW.type().toString();

	private static final String AGE_RESTRICTED = ProblemType.AGE_RESTRICTED.type().toString();

	@Test
	void aFanBelowTheMinimumLevelCannotJoin() {
		String owner = user("creator");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "OPEN", "minFanLevel", 5));

		Api.Response low = api.as(user("casual"), Map.of("fan_level", 4))
			.post("/api/v1/groups/" + groupId + "/join", Map.of());
		Api.Response noClaim = api.as(user("unknown")).post("/api/v1/groups/" + groupId + "/join", Map.of());
		Api.Response enough = api.as(user("superfan"), Map.of("fan_level", 5))
			.post("/api/v1/groups/" + groupId + "/join", Map.of());

		for (Api.Response refused : List.of(low, noClaim)) {
			assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
			assertThat(refused.text("type")).isEqualTo(FAN_LEVEL_TOO_LOW);
		}
		assertThat(enough.status()).as(enough.raw()).isEqualTo(201);
		assertThat(memberCount(owner, groupId)).isEqualTo(2);
	}

	@Test
	void theFanLevelAlsoAppliesToInviteLinks() {
		String owner = user("creator");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("minFanLevel", 3));
		String code = invite(owner, groupId);

		Api.Response refused = api.as(user("casual"), Map.of("fan_level", 1))
			.post("/api/v1/invites/" + code + "/join", Map.of());

		assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
		assertThat(refused.text("type")).isEqualTo(FAN_LEVEL_TOO_LOW);
	}

	@Test
	void aChildCannotCreateAGroup() {
		String child = user("child");

		Api.Response refused = api.as(child, Map.of("age_band", "13-15"))
			.post("/api/v1/groups", Map.of("name", "Mine", "kind", "CHAT"));

		assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
		assertThat(refused.text("type")).isEqualTo(AGE_RESTRICTED);
		assertThat(api.as(child, Map.of("age_band", "13-15")).get("/api/v1/groups").json().path("items").size())
			.isZero();
	}

	@Test
	void aChildCannotJoinByInviteOrPublicly() {
		String owner = user("creator");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "OPEN"));
		String code = invite(owner, groupId);
		Api child = api.as(user("child"), Map.of("age_band", "13-15"));

		Api.Response byInvite = child.post("/api/v1/invites/" + code + "/join", Map.of());
		Api.Response publicJoin = child.post("/api/v1/groups/" + groupId + "/join", Map.of());

		for (Api.Response refused : List.of(byInvite, publicJoin)) {
			assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
			assertThat(refused.text("type")).isEqualTo(AGE_RESTRICTED);
		}
		assertThat(memberCount(owner, groupId)).isEqualTo(1);
	}

	@Test
	void aKnownChildCannotBeAdded() {
		String owner = user("owner");
		String child = user("child");
		api.as(child, Map.of("age_band", "13-15")).get("/api/v1/groups"); // the service
																			// now knows
																			// their age
																			// band
		String groupId = createGroup(owner, "CHAT");

		Api.Response refused = api.as(owner).post("/api/v1/groups/" + groupId + "/members", Map.of("userId", child));

		assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
		assertThat(refused.text("type")).isEqualTo(AGE_RESTRICTED);
		assertThat(memberCount(owner, groupId)).isEqualTo(1);
	}

	@Test
	void aGroupCreatedWithAKnownChildAmongItsMembersIsNotCreated() {
		String owner = user("owner");
		String child = user("child");
		api.as(child, Map.of("age_band", "13-15")).get("/api/v1/groups");

		Api.Response refused = api.as(owner)
			.post("/api/v1/groups",
					Map.of("name", "Party", "kind", "CHAT", "memberIds", List.of(user("friend"), child)));

		assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
		assertThat(refused.text("type")).isEqualTo(AGE_RESTRICTED);
		assertThat(api.as(owner).get("/api/v1/groups").json().path("items").size()).as("nothing half-created").isZero();
	}

	@Test
	void aTeenagerCannotJoinAPublicGroupByThemselves() {
		String owner = user("creator");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("visibility", "PUBLIC", "joinPolicy", "OPEN"));

		Api.Response refused = api.as(user("teen"), Map.of("age_band", "16-17"))
			.post("/api/v1/groups/" + groupId + "/join", Map.of());

		assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
		assertThat(refused.text("type")).isEqualTo(AGE_RESTRICTED);
		assertThat(memberCount(owner, groupId)).isEqualTo(1);
	}

	@Test
	void aTeenagerMayBeAddedToAChatGroupByAMember() {
		String owner = user("owner");
		String friend = user("friend");
		String teen = user("teen");
		api.as(teen, Map.of("age_band", "16-17")).get("/api/v1/groups");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, friend);

		Api.Response added = api.as(friend).post("/api/v1/groups/" + groupId + "/members", Map.of("userId", teen));

		assertThat(added.status()).as(added.raw()).isEqualTo(201);
		assertThat(api.as(teen, Map.of("age_band", "16-17")).get("/api/v1/groups/" + groupId).status()).isEqualTo(200);
		assertThat(memberCount(owner, groupId)).isEqualTo(3);
	}

	private String invite(String by, String groupId) {
		Api.Response created = api.as(by).post("/api/v1/groups/" + groupId + "/invites", Map.of());
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		return created.text("code");
	}

	private int memberCount(String asUser, String groupId) {
		Api.Response response = api.as(asUser).get("/api/v1/groups/" + groupId);
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		return response.json().path("memberCount").asInt();
	}

}
