package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A group always has exactly one owner; ownership moves only by a hand-over. */
class OwnershipTest extends EndToEndTest {

	@Test
	void theOwnerHandsOverAndBecomesAnAdmin() {
		String owner = user("owner");
		String heir = user("heir");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, heir);

		Api.Response handedOver = api.as(owner).patch(members(groupId) + "/" + heir, Map.of("role", "OWNER"));

		assertThat(handedOver.status()).as(handedOver.raw()).isEqualTo(200);
		assertThat(handedOver.text("role")).isEqualTo("OWNER");
		assertThat(roleOf(owner, groupId, heir)).isEqualTo("OWNER");
		assertThat(roleOf(owner, groupId, owner)).isEqualTo("ADMIN");
		assertThat(api.as(heir).get("/api/v1/groups/" + groupId).text("ownerId")).isEqualTo(heir);
		assertThat(api.as(owner).delete("/api/v1/groups/" + groupId).status()).as("no longer the owner").isEqualTo(403);
	}

	@Test
	void theOwnerCannotLeaveOrStepDownWithoutAHandOver() {
		String owner = user("owner");
		String admin = user("admin");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, admin);
		makeAdmin(groupId, owner, admin);

		Api.Response leave = api.as(owner).delete(members(groupId) + "/me");
		Api.Response leaveById = api.as(owner).delete(members(groupId) + "/" + owner);
		Api.Response demote = api.as(owner).patch(members(groupId) + "/" + owner, Map.of("role", "ADMIN"));
		Api.Response kickedByAdmin = api.as(admin).delete(members(groupId) + "/" + owner);

		assertThat(leave.status()).as(leave.raw()).isEqualTo(409);
		assertThat(leaveById.status()).as(leaveById.raw()).isEqualTo(409);
		assertThat(demote.status()).as(demote.raw()).isEqualTo(409);
		assertThat(kickedByAdmin.status()).as(kickedByAdmin.raw()).isEqualTo(403);
		assertThat(roleOf(owner, groupId, owner)).isEqualTo("OWNER");
		assertThat(group(owner, groupId).path("memberCount").asInt()).isEqualTo(2);
	}

	@Test
	void nobodyButTheOwnerMayHandOver() {
		String owner = user("owner");
		String admin = user("admin");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, admin);
		makeAdmin(groupId, owner, admin);

		Api.Response grab = api.as(admin).patch(members(groupId) + "/" + admin, Map.of("role", "OWNER"));

		assertThat(grab.status()).as(grab.raw()).isEqualTo(403);
		assertThat(group(owner, groupId).path("ownerId").asString()).isEqualTo(owner);
	}

	@Test
	void theNewOwnerDeletesTheGroupAndItIsGoneForEveryone() {
		String owner = user("owner");
		String heir = user("heir");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, heir);
		addMember(groupId, owner, member);
		assertThat(api.as(owner).patch(members(groupId) + "/" + heir, Map.of("role", "OWNER")).status()).isEqualTo(200);

		Api.Response deleted = api.as(heir).delete("/api/v1/groups/" + groupId);

		assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
		for (String former : new String[] { owner, heir, member }) {
			Api.Response gone = api.as(former).get("/api/v1/groups/" + groupId);
			assertThat(gone.status()).as(gone.raw()).isEqualTo(404);
			assertThat(gone.contentType()).startsWith("application/problem+json");
			assertThat(api.as(former).get(members(groupId)).status()).isEqualTo(404);
			assertThat(api.as(former)
				.get("/api/v1/groups")
				.json()
				.path("items")
				.valueStream()
				.map(g -> g.path("id").asString())
				.toList()).doesNotContain(groupId);
		}
		assertThat(api.as(heir).delete("/api/v1/groups/" + groupId).status()).as("deleting twice").isEqualTo(404);
	}

	private static String members(String groupId) {
		return "/api/v1/groups/" + groupId + "/members";
	}

	private JsonNode group(String asUser, String groupId) {
		Api.Response response = api.as(asUser).get("/api/v1/groups/" + groupId);
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		return response.json();
	}

	private String roleOf(String asUser, String groupId, String userId) {
		for (JsonNode member : api.as(asUser).get(members(groupId)).json().path("items")) {
			if (member.path("userId").asString().equals(userId)) {
				return member.path("role").asString();
			}
		}
		return null;
	}

}
