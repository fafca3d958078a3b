package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Raid defence: more than {@code max-joins} joins through one invite within the window
 * pause it, switch the group to APPROVAL, tell the OWNER and ADMINs live (nobody else)
 * and write the audit log.
 */
@TestPropertySource(properties = { "groupchat.groups.raid.max-joins=5", "groupchat.groups.raid.window=PT1M" })
class RaidDefenceTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Duration QUIET = Duration.ofMillis(700);

	@Test
	void aBurstOfJoinsThroughOneInvitePausesItSwitchesToApprovalTellsAdminsOnlyAndIsAudited() throws Exception {
		String owner = user("owner");
		String admin = user("admin");
		String member = user("member");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, admin);
		makeAdmin(groupId, owner, admin);
		addMember(groupId, owner, member);
		configure(groupId, owner, Map.of("joinPolicy", "OPEN"));
		String code = invite(owner, groupId);
		String other = invite(owner, groupId);

		String firstRaider = user("raider");
		assertThat(api.as(firstRaider).post("/api/v1/invites/" + code + "/join", Map.of()).status()).isEqualTo(201);

		try (StompTestClient adminClient = StompTestClient.connect(port, TestTokens.token(admin));
				StompTestClient memberClient = StompTestClient.connect(port, TestTokens.token(member));
				StompTestClient raiderClient = StompTestClient.connect(port, TestTokens.token(firstRaider));
				StompTestClient outsiderClient = StompTestClient.connect(port, TestTokens.token(user("outsider")))) {
			StompTestClient.Subscription adminEvents = adminClient.subscribeAndAwait("/user/queue/events");
			StompTestClient.Subscription memberEvents = memberClient.subscribeAndAwait("/user/queue/events");
			StompTestClient.Subscription memberTopic = memberClient.subscribeAndAwait("/topic/group." + groupId);
			StompTestClient.Subscription raiderEvents = raiderClient.subscribeAndAwait("/user/queue/events");
			StompTestClient.Subscription raiderTopic = raiderClient.subscribeAndAwait("/topic/group." + groupId);
			StompTestClient.Subscription outsiderEvents = outsiderClient.subscribeAndAwait("/user/queue/events");

			// five more raiders at once, from several threads: four join, the sixth use
			// trips it
			List<Api.Response> joins = new ArrayList<>();
			try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
				List<Future<Api.Response>> sent = new ArrayList<>();
				for (int i = 0; i < 5; i++) {
					String raider = user("raider");
					sent.add(pool.submit(() -> api.as(raider).post("/api/v1/invites/" + code + "/join", Map.of())));
				}
				for (Future<Api.Response> join : sent) {
					joins.add(join.get());
				}
			}
			assertThat(joins).extracting(Api.Response::status).containsOnly(201, 202);
			assertThat(joins.stream().filter(r -> r.status() == 201)).hasSize(4);
			assertThat(joins.stream().filter(r -> r.status() == 202)).singleElement()
				.satisfies(r -> assertThat(r.text("status")).isEqualTo("PENDING"));

			JsonNode paused = adminEvents.next("invite.paused", WAIT);
			assertThat(paused).as("the admin is told live").isNotNull();
			assertThat(paused.path("groupId").asString()).isEqualTo(groupId);
			assertThat(paused.path("code").asString()).isEqualTo(code);
			assertThat(paused.path("joins").asInt()).isEqualTo(6);
			assertThat(paused.path("windowSeconds").asInt()).isEqualTo(60);
			assertThat(paused.path("joinPolicy").asString()).isEqualTo("APPROVAL");

			// everyone else's frames, kept whole: skipping to an event type would also
			// skip
			// a leak
			Thread.sleep(QUIET.toMillis());
			List<JsonNode> memberFrames = new ArrayList<>(memberTopic.drain());
			List<JsonNode> leaked = new ArrayList<>(memberFrames);
			for (StompTestClient.Subscription others : List.of(memberEvents, raiderEvents, raiderTopic,
					outsiderEvents)) {
				leaked.addAll(others.drain());
			}
			assertThat(memberFrames).as("members see the new join policy")
				.anySatisfy(
						e -> assertThat(e.path("type").asString() + " " + e.path("group").path("joinPolicy").asString())
							.isEqualTo("group.updated APPROVAL"));
			assertThat(memberClient.isConnected() && raiderClient.isConnected() && outsiderClient.isConnected())
				.as("their connections stay open, so the check below could see a leak")
				.isTrue();
			assertThat(leaked).as("only the owner and admins hear of the pause and the code")
				.noneMatch(e -> e.path("type").asString().equals("invite.paused") || e.toString().contains(code));
		}

		Api.Response late = api.as(user("late")).post("/api/v1/invites/" + code + "/join", Map.of());
		assertThat(late.status()).as(late.raw()).isEqualTo(409);
		assertThat(late.text("type")).isEqualTo(ProblemType.INVITE_PAUSED.type().toString());
		Api.Response throughOther = api.as(user("late")).post("/api/v1/invites/" + other + "/join", Map.of());
		assertThat(throughOther.status()).as("other invites now make join requests").isEqualTo(202);

		JsonNode group = api.as(owner).get("/api/v1/groups/" + groupId).json();
		assertThat(group.path("joinPolicy").asString()).isEqualTo("APPROVAL");
		JsonNode listed = liveInvite(owner, groupId, code);
		assertThat(listed.path("paused").asBoolean()).isTrue();
		assertThat(listed.path("pausedAt").isNull()).isFalse();
		assertThat(listed.path("valid").asBoolean()).isFalse();
		assertThat(listed.path("uses").asInt()).isEqualTo(6);
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId + "/join-requests").json().path("items")).hasSize(2);

		JsonNode entry = api.as(owner).get("/api/v1/groups/" + groupId + "/audit-log").json().path("items").get(0);
		assertThat(entry.path("action").asString()).isEqualTo("invite.paused");
		assertThat(entry.path("actorId").isNull()).as("the server did it").isTrue();
		assertThat(entry.path("targetId").asString()).isEqualTo(code);
		assertThat(entry.path("reason").asString()).isEqualTo("raid: 6 joins via invite " + code + " in 60 s");
		assertThat(entry.path("details").path("joinPolicy").path("from").asString()).isEqualTo("OPEN");
	}

	@Test
	void anAdminResumesAPausedInviteAndJoinsThroughItWorkAgainUnderTheGroupsPolicy() throws Exception {
		String owner = user("owner");
		String admin = user("admin");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, admin);
		makeAdmin(groupId, owner, admin);
		String code = invite(owner, groupId);
		for (int i = 0; i < 6; i++) {
			api.as(user("raider")).post("/api/v1/invites/" + code + "/join", Map.of());
		}
		assertThat(api.as(user("late")).post("/api/v1/invites/" + code + "/join", Map.of()).status()).isEqualTo(409);

		Api.Response resumed = api.as(admin).post("/api/v1/groups/" + groupId + "/invites/" + code + "/resume", null);
		assertThat(resumed.status()).as(resumed.raw()).isEqualTo(200);
		assertThat(resumed.json().path("paused").asBoolean()).isFalse();
		assertThat(resumed.json().path("valid").asBoolean()).isTrue();
		assertThat(resumed.json().path("members").asLong()).isEqualTo(5);

		// the group stays under APPROVAL until an admin changes it back
		assertThat(api.as(user("after")).post("/api/v1/invites/" + code + "/join", Map.of()).status()).isEqualTo(202);
		configure(groupId, admin, Map.of("joinPolicy", "INVITE_ONLY"));
		assertThat(api.as(user("after")).post("/api/v1/invites/" + code + "/join", Map.of()).status()).isEqualTo(201);
		JsonNode entries = api.as(owner).get("/api/v1/groups/" + groupId + "/audit-log").json().path("items");
		assertThat(entries.valueStream().map(e -> e.path("action").asString())).contains("invite.paused",
				"invite.resumed");
		assertThat(entries.valueStream()
			.filter(e -> e.path("action").asString().equals("invite.resumed"))
			.map(e -> e.path("actorId").asString())).containsExactly(admin);
	}

	@Test
	void joinsUpToTheLimitPauseNothing() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		String code = invite(owner, groupId);
		for (int i = 0; i < 5; i++) {
			assertThat(api.as(user("fan")).post("/api/v1/invites/" + code + "/join", Map.of()).status()).isEqualTo(201);
		}
		assertThat(liveInvite(owner, groupId, code).path("paused").asBoolean()).isFalse();
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId).json().path("joinPolicy").asString())
			.isEqualTo("INVITE_ONLY");
	}

	private String invite(String owner, String groupId) {
		Api.Response created = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of());
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		return created.text("code");
	}

	private JsonNode liveInvite(String owner, String groupId, String code) {
		return api.as(owner)
			.get("/api/v1/groups/" + groupId + "/invites")
			.json()
			.path("items")
			.valueStream()
			.filter(i -> i.path("code").asString().equals(code))
			.findFirst()
			.orElseThrow();
	}

}
