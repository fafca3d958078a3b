package dev.groupchat.groups;

import static dev.groupchat.groups.AuthorizationMatrixTest.Caller.ADMIN;
import static dev.groupchat.groups.AuthorizationMatrixTest.Caller.MEMBER;
import static dev.groupchat.groups.AuthorizationMatrixTest.Caller.NON_MEMBER;
import static dev.groupchat.groups.AuthorizationMatrixTest.Caller.NO_TOKEN;
import static dev.groupchat.groups.AuthorizationMatrixTest.Caller.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what: every Groups and Members endpoint of the contract, called by each
 * kind of caller. Each cell builds its own group (owner, one admin, one member, one
 * target member), so no cell sees what another did. A group is PRIVATE and a FAN group
 * unless the row says otherwise.
 */
class AuthorizationMatrixTest extends EndToEndTest {

	enum Caller {

		OWNER, ADMIN, MEMBER, NON_MEMBER, NO_TOKEN

	}

	static Stream<Arguments> matrix() {
		List<Row> rows = List.of(
				// endpoint OWNER ADMIN MEMBER NON NO_TOKEN
				row("POST   /groups (create)", 201, 201, 201, 201, 401, fan(),
						(c, fx) -> c.post("/api/v1/groups", Map.of("name", "Another", "kind", "CHAT"))),
				row("GET    /groups (mine)", 200, 200, 200, 200, 401, fan(), (c, fx) -> c.get("/api/v1/groups")),
				row("GET    /groups/{id}", 200, 200, 200, 404, 401, fan(), (c, fx) -> c.get(fx.group())),
				row("GET    /groups/{id} of a PUBLIC fan group", 200, 200, 200, 200, 401, publicFan("OPEN"),
						(c, fx) -> c.get(fx.group())),
				row("PATCH  /groups/{id}", 200, 200, 403, 404, 401, fan(),
						(c, fx) -> c.patch(fx.group(), Map.of("name", "Renamed"))),
				row("PATCH  /groups/{id} hiddenMembers on", 200, 200, 403, 404, 401, fan(),
						(c, fx) -> c.patch(fx.group(), Map.of("hiddenMembers", true))),
				row("PATCH  /groups/{id} hiddenMembers off (CHAT)", 200, 200, 403, 404, 401,
						chat().then(fx -> fx.configure(Map.of("hiddenMembers", true))),
						(c, fx) -> c.patch(fx.group(), Map.of("hiddenMembers", false))),
				row("PATCH  /groups/{id} hiddenMembers back to automatic", 200, 200, 403, 404, 401,
						fan().then(fx -> fx.configure(Map.of("hiddenMembers", true))),
						(c, fx) -> c.patch(fx.group(), "{\"hiddenMembers\": null}")),
				row("GET    /members of a hidden member list", 200, 200, 200, 404, 401,
						fan().then(fx -> fx.configure(Map.of("hiddenMembers", true))),
						(c, fx) -> c.get(fx.group() + "/members")),
				row("DELETE /members/{id} of a stranger, hidden member list", 404, 404, 403, 404, 401,
						fan().then(fx -> fx.configure(Map.of("hiddenMembers", true))),
						(c, fx) -> c.delete(fx.group() + "/members/" + fx.outsider())),
				row("DELETE /groups/{id}", 204, 403, 403, 404, 401, fan(), (c, fx) -> c.delete(fx.group())),
				row("GET    /members", 200, 200, 200, 404, 401, fan(), (c, fx) -> c.get(fx.group() + "/members")),
				row("GET    /members of a PUBLIC fan group", 200, 200, 200, 403, 401, publicFan("OPEN"),
						(c, fx) -> c.get(fx.group() + "/members")),
				row("GET    /messages/search", 200, 200, 200, 404, 401, fan(),
						(c, fx) -> c.get(fx.group() + "/messages/search?q=hello")),
				row("GET    /messages/search of a PUBLIC fan group", 200, 200, 200, 200, 401, publicFan("OPEN"),
						(c, fx) -> c.get(fx.group() + "/messages/search?q=hello")),
				row("POST   /members (FAN)", 201, 201, 403, 404, 401, fan(),
						(c, fx) -> c.post(fx.group() + "/members", Map.of("userId", user("added")))),
				row("POST   /members (CHAT)", 201, 201, 201, 404, 401, chat(),
						(c, fx) -> c.post(fx.group() + "/members", Map.of("userId", user("added")))),
				row("PATCH  /members/{id} role", 200, 403, 403, 404, 401, fan(),
						(c, fx) -> c.patch(fx.group() + "/members/" + fx.target(), Map.of("role", "ADMIN"))),
				row("PATCH  /members/{id} mute a MEMBER", 200, 200, 403, 404, 401, fan(),
						(c, fx) -> c.patch(fx.group() + "/members/" + fx.target(), Map.of("mutedUntil", inAnHour()))),
				row("PATCH  /members/{id} mute an ADMIN", 200, 403, 403, 404, 401, fan().then(Fixture::promoteTarget),
						(c, fx) -> c.patch(fx.group() + "/members/" + fx.target(), Map.of("mutedUntil", inAnHour()))),
				row("PATCH  /members/{id} shadow-mute a MEMBER", 200, 200, 403, 404, 401, fan(),
						(c, fx) -> c.patch(fx.group() + "/members/" + fx.target(), Map.of("shadowMuted", true))),
				row("PATCH  /members/{id} shadow-mute an ADMIN", 200, 403, 403, 404, 401,
						fan().then(Fixture::promoteTarget),
						(c, fx) -> c.patch(fx.group() + "/members/" + fx.target(), Map.of("shadowMuted", true))),
				row("POST   /members (CHAT) of a user who blocked the caller", 403, 403, 403, 404, 401,
						chat().then(Fixture::blockedByEveryone),
						(c, fx) -> c.post(fx.group() + "/members", Map.of("userId", fx.get("blocker")))),
				row("PUT    /me/blocks/{id}", 204, 204, 204, 204, 401, fan(),
						(c, fx) -> c.put("/api/v1/me/blocks/" + fx.target(), null)),
				row("GET    /me/blocks", 200, 200, 200, 200, 401, fan(), (c, fx) -> c.get("/api/v1/me/blocks")),
				row("DELETE /me/blocks/{id}", 204, 204, 204, 204, 401, fan(),
						(c, fx) -> c.delete("/api/v1/me/blocks/" + fx.target())),
				row("DELETE /members/{id} kick a MEMBER", 204, 204, 403, 404, 401, fan(),
						(c, fx) -> c.delete(fx.group() + "/members/" + fx.target())),
				row("DELETE /members/{id} kick an ADMIN", 204, 403, 403, 404, 401, fan().then(Fixture::promoteTarget),
						(c, fx) -> c.delete(fx.group() + "/members/" + fx.target())),
				row("PATCH  /members/me/settings", 200, 200, 200, 404, 401, fan(),
						(c, fx) -> c.patch(fx.group() + "/members/me/settings",
								Map.of("notify", "NONE", "pinned", true))),
				row("DELETE /members/me (leave)", 409, 204, 204, 404, 401, fan(),
						(c, fx) -> c.delete(fx.group() + "/members/me")),
				row("POST   /bans a MEMBER", 201, 201, 403, 404, 401, fan(),
						(c, fx) -> c.post(fx.group() + "/bans", Map.of("userId", fx.target()))),
				row("POST   /bans an ADMIN", 201, 403, 403, 404, 401, fan().then(Fixture::promoteTarget),
						(c, fx) -> c.post(fx.group() + "/bans", Map.of("userId", fx.target()))),
				row("GET    /bans", 200, 200, 403, 404, 401, fan().then(Fixture::banOutsider),
						(c, fx) -> c.get(fx.group() + "/bans")),
				row("DELETE /bans/{id}", 204, 204, 403, 404, 401, fan().then(Fixture::banOutsider),
						(c, fx) -> c.delete(fx.group() + "/bans/" + fx.get("banned"))),
				row("PUT    /me/devices/{id}", 201, 201, 201, 201, 401, fan(),
						(c, fx) -> c.put("/api/v1/me/devices/phone",
								Map.of("platform", "GATEWAY", "token", "matrix-" + UUID.randomUUID()))),
				row("GET    /me/devices", 200, 200, 200, 200, 401, fan(), (c, fx) -> c.get("/api/v1/me/devices")),
				row("DELETE /me/devices/{id} (none registered)", 404, 404, 404, 404, 401, fan(),
						(c, fx) -> c.delete("/api/v1/me/devices/phone")),
				row("POST   /invites (FAN)", 201, 201, 403, 404, 401, fan(),
						(c, fx) -> c.post(fx.group() + "/invites", Map.of())),
				row("POST   /invites (CHAT)", 201, 201, 201, 404, 401, chat(),
						(c, fx) -> c.post(fx.group() + "/invites", Map.of())),
				row("GET    /invites (FAN)", 200, 200, 403, 404, 401, fan().then(Fixture::invite),
						(c, fx) -> c.get(fx.group() + "/invites")),
				row("GET    /invites (CHAT: a member sees own)", 200, 200, 200, 404, 401, chat().then(Fixture::invite),
						(c, fx) -> c.get(fx.group() + "/invites")),
				row("GET    /invites/{code}/members (FAN)", 200, 200, 403, 404, 401, fan().then(Fixture::invite),
						(c, fx) -> c.get(fx.group() + "/invites/" + fx.get("code") + "/members")),
				row("DELETE /invites/{code} (FAN)", 204, 204, 403, 404, 401, fan().then(Fixture::invite),
						(c, fx) -> c.delete(fx.group() + "/invites/" + fx.get("code"))),
				row("DELETE /invites/{code} of another (CHAT)", 204, 204, 403, 404, 401, chat().then(Fixture::invite),
						(c, fx) -> c.delete(fx.group() + "/invites/" + fx.get("code"))),
				row("DELETE /invites/{code} own (CHAT)", 204, 204, 204, 404, 401, chat().then(Fixture::memberInvite),
						(c, fx) -> c.delete(fx.group() + "/invites/" + fx.get("code"))),
				row("POST   /invites/{code}/resume (FAN)", 200, 200, 403, 404, 401, fan().then(Fixture::invite),
						(c, fx) -> c.post(fx.group() + "/invites/" + fx.get("code") + "/resume", null)),
				row("POST   /invites/{code}/resume own (CHAT)", 200, 200, 403, 404, 401,
						chat().then(Fixture::memberInvite),
						(c, fx) -> c.post(fx.group() + "/invites/" + fx.get("code") + "/resume", null)),
				row("POST   /invites/{code}/join", 200, 200, 200, 201, 401, fan().then(Fixture::invite),
						(c, fx) -> c.post("/api/v1/invites/" + fx.get("code") + "/join", Map.of())),
				row("POST   /groups/{id}/join (PUBLIC, OPEN)", 200, 200, 200, 201, 401, publicFan("OPEN"),
						(c, fx) -> c.post(fx.group() + "/join", Map.of())),
				row("GET    /join-requests", 200, 200, 403, 404, 401, fan().then(Fixture::pendingRequest),
						(c, fx) -> c.get(fx.group() + "/join-requests")),
				row("POST   /join-requests/{id}/approve", 200, 200, 403, 404, 401, fan().then(Fixture::pendingRequest),
						(c, fx) -> c.post(fx.group() + "/join-requests/" + fx.get("requester") + "/approve", Map.of())),
				row("POST   /join-requests/{id}/reject", 204, 204, 403, 404, 401, fan().then(Fixture::pendingRequest),
						(c, fx) -> c.post(fx.group() + "/join-requests/" + fx.get("requester") + "/reject", Map.of())),
				row("POST   /webhooks", 201, 403, 403, 404, 401, fan(),
						(c, fx) -> c.post(fx.group() + "/webhooks",
								Map.of("url", "https://203.0.113.7/hook", "events", List.of("report.created")))),
				row("GET    /webhooks", 200, 403, 403, 404, 401, fan().then(Fixture::webhook),
						(c, fx) -> c.get(fx.group() + "/webhooks")),
				row("GET    /webhooks of a PUBLIC fan group", 200, 403, 403, 403, 401,
						publicFan("OPEN").then(Fixture::webhook), (c, fx) -> c.get(fx.group() + "/webhooks")),
				row("DELETE /webhooks/{id}", 204, 403, 403, 404, 401, fan().then(Fixture::webhook),
						(c, fx) -> c.delete(fx.group() + "/webhooks/" + fx.get("webhook"))),
				// service-wide endpoints: an operator's only (role ops,
				// WebhookDeliveryTest); no
				// role in any group opens them
				row("POST   /api/v1/webhooks (service-wide)", 403, 403, 403, 403, 401, fan(),
						(c, fx) -> c.post("/api/v1/webhooks",
								Map.of("url", "https://203.0.113.7/hook", "events", List.of("message.created")))),
				row("GET    /api/v1/webhooks (service-wide)", 403, 403, 403, 403, 401, fan(),
						(c, fx) -> c.get("/api/v1/webhooks")),
				row("DELETE /api/v1/webhooks/{id} (service-wide)", 403, 403, 403, 403, 401, fan(),
						(c, fx) -> c.delete("/api/v1/webhooks/" + UUID.randomUUID())),
				row("PUT    /pins/{seq}", 201, 201, 403, 404, 401, fan().then(Fixture::message),
						(c, fx) -> c.put(fx.group() + "/pins/" + fx.get("seq"), Map.of("announcement", true))),
				row("DELETE /pins/{seq}", 204, 204, 403, 404, 401, fan().then(Fixture::pinned),
						(c, fx) -> c.delete(fx.group() + "/pins/" + fx.get("seq"))),
				row("GET    /pins", 200, 200, 200, 404, 401, fan().then(Fixture::pinned),
						(c, fx) -> c.get(fx.group() + "/pins")),
				row("GET    /pins of a PUBLIC fan group", 200, 200, 200, 200, 401,
						publicFan("OPEN").then(Fixture::pinned), (c, fx) -> c.get(fx.group() + "/pins")),
				row("GET    /messages/{seq}/reach", 200, 200, 403, 404, 401, fan().then(Fixture::message),
						(c, fx) -> c.get(fx.group() + "/messages/" + fx.get("seq") + "/reach")),
				row("GET    /messages/{seq}/reach of a PUBLIC fan group", 200, 200, 403, 403, 401,
						publicFan("OPEN").then(Fixture::message),
						(c, fx) -> c.get(fx.group() + "/messages/" + fx.get("seq") + "/reach")),
				row("PUT    /messages/{seq}/votes", 200, 200, 200, 404, 401, fan().then(Fixture::poll),
						(c, fx) -> c.put(fx.group() + "/messages/" + fx.get("seq") + "/votes",
								Map.of("options", List.of(1)))),
				row("PUT    /messages/{seq}/votes of a PUBLIC fan group", 200, 200, 200, 403, 401,
						publicFan("OPEN").then(Fixture::poll),
						(c, fx) -> c.put(fx.group() + "/messages/" + fx.get("seq") + "/votes",
								Map.of("options", List.of(1)))),
				row("GET    /stats", 200, 200, 403, 404, 401, fan(), (c, fx) -> c.get(fx.group() + "/stats?days=30")),
				row("GET    /stats of a PUBLIC fan group", 200, 200, 403, 403, 401, publicFan("OPEN"),
						(c, fx) -> c.get(fx.group() + "/stats")));
		return rows.stream()
			.flatMap(row -> row.expected()
				.entrySet()
				.stream()
				.map(cell -> Arguments.of(row.endpoint(), cell.getKey(), cell.getValue(), row)));
	}

	@ParameterizedTest(name = "{0} as {1} -> {2}")
	@MethodSource("matrix")
	void callerGetsTheExpectedStatus(String endpoint, Caller caller, int expected, Row row) {
		Fixture fx = new Fixture(api, row.kind() == null ? "FAN" : row.kind());
		row.setup().accept(fx);
		Api client = switch (caller) {
			case OWNER -> api.as(fx.owner());
			case ADMIN -> api.as(fx.admin());
			case MEMBER -> api.as(fx.member());
			case NON_MEMBER -> api.as(fx.outsider());
			case NO_TOKEN -> api.anonymous();
		};

		Api.Response response = row.call().apply(client, fx);

		assertThat(response.status()).as("%s as %s: %s", endpoint, caller, response.raw()).isEqualTo(expected);
		if (expected >= 400) {
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().path("status").asInt()).isEqualTo(expected);
		}
	}

	private static Row row(String endpoint, int owner, int admin, int member, int nonMember, int noToken, Setup setup,
			BiFunction<Api, Fixture, Api.Response> call) {
		Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
		expected.put(OWNER, owner);
		expected.put(ADMIN, admin);
		expected.put(MEMBER, member);
		expected.put(NON_MEMBER, nonMember);
		expected.put(NO_TOKEN, noToken);
		return new Row(endpoint, setup.kind(), setup.steps(), call, expected);
	}

	private static Setup fan() {
		return new Setup("FAN", fx -> {
		});
	}

	private static Setup chat() {
		return new Setup("CHAT", fx -> {
		});
	}

	private static Setup publicFan(String joinPolicy) {
		return new Setup("FAN", fx -> fx.configure(Map.of("visibility", "PUBLIC", "joinPolicy", joinPolicy)));
	}

	private static String inAnHour() {
		return Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
	}

	/** The kind of group a row needs and what to prepare in it before the call. */
	record Setup(String kind, Consumer<Fixture> steps) {
		Setup then(Consumer<Fixture> next) {
			return new Setup(kind, steps.andThen(next));
		}
	}

	record Row(String endpoint, String kind, Consumer<Fixture> setup, BiFunction<Api, Fixture, Api.Response> call,
			Map<Caller, Integer> expected) {
		@Override
		public String toString() {
			return endpoint;
		}
	}

	/**
	 * One fresh group: its owner, an ADMIN, a MEMBER, a target MEMBER, and an outsider.
	 */
	static final class Fixture {

		private final Api api;

		private final String owner = user("owner");

		private final String admin = user("admin");

		private final String member = user("member");

		private final String target = user("target");

		private final String outsider = user("outsider");

		private final String groupId;

		private final Map<String, String> vars = new HashMap<>();

		Fixture(Api api, String kind) {
			this.api = api;
			Api.Response created = api.as(owner)
				.post("/api/v1/groups",
						Map.of("name", "Matrix", "kind", kind, "memberIds", List.of(admin, member, target)));
			assertThat(created.status()).as(created.raw()).isEqualTo(201);
			groupId = created.text("id");
			setRole(admin, "ADMIN");
		}

		String group() {
			return "/api/v1/groups/" + groupId;
		}

		String owner() {
			return owner;
		}

		String admin() {
			return admin;
		}

		String member() {
			return member;
		}

		String target() {
			return target;
		}

		String outsider() {
			return outsider;
		}

		String get(String name) {
			return vars.get(name);
		}

		void configure(Map<String, Object> settings) {
			expect(api.as(owner).patch(group(), settings), 200);
		}

		void promoteTarget() {
			setRole(target, "ADMIN");
		}

		void banOutsider() {
			String banned = user("banned");
			expect(api.as(owner).post(group() + "/bans", Map.of("userId", banned)), 201);
			vars.put("banned", banned);
		}

		void webhook() {
			vars.put("webhook",
					expect(api.as(owner)
						.post(group() + "/webhooks",
								Map.of("url", "https://203.0.113.7/hook", "events", List.of("report.created"))),
							201)
						.text("id"));
		}

		/** A fresh user who blocked everyone of the fixture. */
		void blockedByEveryone() {
			String blocker = user("blocker");
			for (String blocked : List.of(owner, admin, member, outsider)) {
				expect(api.as(blocker).put("/api/v1/me/blocks/" + blocked, null), 204);
			}
			vars.put("blocker", blocker);
		}

		/** The owner posts a message. */
		void message() {
			vars.put("seq",
					expect(api.as(owner)
						.post(group() + "/messages",
								Map.of("clientMsgId", "m-" + UUID.randomUUID(), "type", "TEXT", "text", "hello")),
							201)
						.text("seq"));
		}

		/** The owner posts a poll. */
		void poll() {
			vars.put("seq",
					expect(api.as(owner)
						.post(group() + "/messages", Map.of("clientMsgId", "p-" + UUID.randomUUID(), "type", "POLL",
								"poll", Map.of("question", "Which?", "options", List.of("a", "b")))),
							201)
						.text("seq"));
		}

		/** The owner posts a message and pins it. */
		void pinned() {
			message();
			expect(api.as(owner).put(group() + "/pins/" + get("seq"), Map.of()), 201);
		}

		void invite() {
			vars.put("code", expect(api.as(owner).post(group() + "/invites", Map.of()), 201).text("code"));
		}

		void memberInvite() {
			vars.put("code", expect(api.as(member).post(group() + "/invites", Map.of()), 201).text("code"));
		}

		/** Under APPROVAL, a fresh user asks to join through an invite and waits. */
		void pendingRequest() {
			configure(Map.of("joinPolicy", "APPROVAL"));
			invite();
			String requester = user("requester");
			expect(api.as(requester).post("/api/v1/invites/" + get("code") + "/join", Map.of()), 202);
			vars.put("requester", requester);
		}

		private void setRole(String userId, String role) {
			expect(api.as(owner).patch(group() + "/members/" + userId, Map.of("role", role)), 200);
		}

		private static Api.Response expect(Api.Response response, int status) {
			assertThat(response.status()).as(response.raw()).isEqualTo(status);
			return response;
		}

	}

}
