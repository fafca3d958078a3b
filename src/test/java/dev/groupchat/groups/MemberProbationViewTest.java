package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Who sees that a member is on probation ({@code probationUntil} in the member JSON): the
 * OWNER, the ADMINs and the member themselves, while it lasts; other members, live events
 * and anyone after it ended do not.
 */
@TestPropertySource(properties = "groupchat.groups.probation=PT1M")
class MemberProbationViewTest extends EndToEndTest {

	@Test
	void theModeratorsAndTheNewcomerSeeTheProbationOtherMembersDoNot() throws Exception {
		String owner = user("owner");
		String admin = user("admin");
		String bystander = user("bystander");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, admin);
		makeAdmin(groupId, owner, admin);
		addMember(groupId, owner, bystander);
		String code = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of()).text("code");
		String newcomer = user("newcomer");
		Instant until;
		try (StompTestClient watcher = StompTestClient.connect(port, TestTokens.token(bystander))) {
			StompTestClient.Subscription topic = watcher.subscribeAndAwait("/topic/group." + groupId);

			JsonNode joined = api.as(newcomer).post("/api/v1/invites/" + code + "/join", Map.of()).json();

			until = Instant.parse(joined.path("probationUntil").asString());
			assertThat(until).as("the join answer tells the newcomer").isAfter(clock.instant());
			JsonNode event = topic.next("member.joined", Duration.ofSeconds(5));
			assertThat(event).isNotNull();
			assertThat(event.toString()).as("the live event tells nobody").doesNotContain("probationUntil");
		}

		assertThat(probationSeenBy(owner, groupId, newcomer)).isEqualTo(until.toString());
		assertThat(probationSeenBy(admin, groupId, newcomer)).isEqualTo(until.toString());
		assertThat(probationSeenBy(newcomer, groupId, newcomer)).as("their own").isEqualTo(until.toString());
		assertThat(member(bystander, groupId, newcomer).has("probationUntil")).as("another member").isFalse();
		assertThat(member(owner, groupId, bystander).has("probationUntil")).as("added by the owner: none").isFalse();
		assertThat(member(owner, groupId, owner).has("probationUntil")).isFalse();
		JsonNode brought = api.as(owner).get("/api/v1/groups/" + groupId + "/invites/" + code + "/members").json();
		assertThat(brought.path("items").get(0).path("probationUntil").asString()).isEqualTo(until.toString());
		assertThat(api.as(user("outsider")).get("/api/v1/groups/" + groupId + "/members").status()).isEqualTo(404);

		configure(groupId, owner, Map.of("hiddenMembers", true));
		assertThat(probationSeenBy(newcomer, groupId, newcomer)).as("hidden list: their own")
			.isEqualTo(until.toString());
		assertThat(probationSeenBy(owner, groupId, newcomer)).isEqualTo(until.toString());
		assertThat(api.as(bystander).get("/api/v1/groups/" + groupId + "/members").json().toString())
			.doesNotContain(newcomer)
			.doesNotContain("probationUntil");

		clock.advancePast(until, Duration.ofMillis(200));
		assertThat(member(owner, groupId, newcomer).has("probationUntil")).as("over").isFalse();
		assertThat(member(newcomer, groupId, newcomer).has("probationUntil")).as("over, their own").isFalse();
	}

	@Test
	void aPromotionEndsTheProbationInTheMemberJson() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("joinPolicy", "OPEN"));
		String code = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of()).text("code");
		String newcomer = user("newcomer");
		assertThat(api.as(newcomer).post("/api/v1/invites/" + code + "/join", Map.of()).json().has("probationUntil"))
			.isTrue();

		JsonNode promoted = api.as(owner)
			.patch("/api/v1/groups/" + groupId + "/members/" + newcomer, Map.of("role", "ADMIN"))
			.json();

		assertThat(promoted.path("role").asString()).isEqualTo("ADMIN");
		assertThat(promoted.has("probationUntil")).isFalse();
		assertThat(member(owner, groupId, newcomer).has("probationUntil")).isFalse();
	}

	private String probationSeenBy(String viewer, String groupId, String userId) {
		return member(viewer, groupId, userId).path("probationUntil").asString();
	}

	private JsonNode member(String viewer, String groupId, String userId) {
		JsonNode items = api.as(viewer).get("/api/v1/groups/" + groupId + "/members?q=" + userId).json().path("items");
		assertThat(items.size()).as(viewer + " finds " + userId).isEqualTo(1);
		return items.get(0);
	}

}
