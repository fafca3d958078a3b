package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every operation the service documents at {@code /v3/api-docs}, called by a user of
 * another group with the ids of a victim's PRIVATE group: its id, a message's seq, an
 * invite code, a report id, a webhook id, the ids of its members, a banned user and a
 * pending requester. Nothing may succeed, nothing may fail with 5xx, and the group as its
 * owner reads it through every GET is the same before and after.
 *
 * <p>
 * A new operation is in the matrix the moment it is documented; the test fails when it
 * answers 2xx to the outsider, when its path names a parameter this test has no victim
 * value for, or when the body made from its schema is refused as invalid (400) and so
 * never reaches the permission check. Operations open to any user are listed in
 * {@link #OPEN_TO_ANY_USER}, each with its reason.
 */
class CrossUserMatrixTest extends EndToEndTest {

	/** Operations any signed-in user may call with these ids, and why that is no hole. */
	static final Map<String, String> OPEN_TO_ANY_USER = Map.of("POST /api/v1/groups",
			"creates a group of the caller's own", "GET /api/v1/groups",
			"lists the caller's own groups (checked below: the victim's is not among them)",
			"POST /api/v1/invites/{code}/join",
			"holding an invite code is the permission to join; a revoked one answers 410 (InviteListingTest)");

	/**
	 * Paths under it act on the caller's own account and data (export, deletion, devices,
	 * blocks).
	 */
	private static final String CALLERS_OWN = "/api/v1/me";

	private static final Set<String> WRITE_METHODS = Set.of("post", "put", "patch", "delete");

	private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

	private final String owner = user("owner");

	private final String member = user("member");

	private final String banned = user("banned");

	private final String requester = user("requester");

	private final String attacker = user("attacker");

	private String groupId;

	private long seq;

	private String code;

	private String reportId;

	private String webhookId;

	private final String emoji = "\uD83D\uDC4D";

	/** The victim's registered phone; the outsider's calls name the same device id. */
	private static final String DEVICE = "victim-phone";

	@Test
	void anOutsiderWithTheVictimsIdsGetsNothingAndChangesNothing() {
		buildVictimGroup();
		createGroup(attacker, "CHAT");
		JsonNode docs = api.anonymous().get("/v3/api-docs").json();
		List<Operation> operations = operations(docs);
		assertThat(operations).as("operations documented at /v3/api-docs").hasSizeGreaterThan(30);
		Map<String, String> before = victimState(operations);
		String devicesBefore = api.as(owner).get("/api/v1/me/devices").raw();

		List<String> failures = new ArrayList<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		for (Operation operation : operations) {
			if (OPEN_TO_ANY_USER.containsKey(operation.key())) {
				continue;
			}
			String problem = callAsOutsider(operation, docs, statuses);
			if (problem != null) {
				failures.add(operation.key() + ": " + problem);
			}
		}

		System.out.println("Cross-user matrix: " + operations.size() + " operations, answers by status " + statuses);
		assertThat(failures).as("calls by an outsider, answers by status %s", statuses).isEmpty();
		Map<String, String> after = victimState(operations);
		assertThat(before.keySet()
			.stream()
			.filter(read -> !before.get(read).equals(after.get(read)))
			.map(read -> read + " was " + before.get(read) + " and is now " + after.get(read)))
			.as("the victim's group as its owner reads it")
			.isEmpty();
		assertThat(api.as(attacker).get("/api/v1/groups").raw()).doesNotContain(groupId);
		assertThat(api.as(owner).get("/api/v1/me/devices").raw()).as("the victim's devices")
			.isEqualTo(devicesBefore)
			.contains(DEVICE);
	}

	/** Null when the call was refused as it should be; else what went wrong. */
	private String callAsOutsider(Operation operation, JsonNode docs, Map<Integer, Integer> statuses) {
		boolean callersOwn = operation.path().startsWith(CALLERS_OWN) && !operation.path().contains("{groupId}");
		String path = resolve(operation);
		if (path == null) {
			return "names a path parameter without a victim value here: give it one in CrossUserMatrixTest.value";
		}
		Object body = operation.spec().has("requestBody") ? sample(bodySchema(operation.spec(), docs), docs, null)
				: null;
		Api.Response response = api.as(attacker)
			.send(operation.method().toUpperCase(), path + query(operation.spec()), body,
					body == null ? null : "application/json");
		int status = response.status();
		statuses.merge(status, 1, Integer::sum);
		if (status != 404) {
			System.out.println("Cross-user matrix: " + operation.key() + " answered " + status);
		}
		if (status >= 500) {
			return "answered " + status + " " + response.raw();
		}
		if (callersOwn) {
			return null;
		}
		if (status < 300) {
			return "answered " + status + " to an outsider: " + response.raw();
		}
		if (status == 400 || status == 401) {
			return "answered " + status + " before any permission check (make its sample body valid): "
					+ response.raw();
		}
		return null;
	}

	private void buildVictimGroup() {
		groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, member);
		configure(groupId, owner, Map.of("joinPolicy", "APPROVAL"));
		Api victim = api.as(owner);
		Api.Response posted = victim.post(group() + "/messages",
				Map.of("clientMsgId", "victim-1", "type", "TEXT", "text", "private words"));
		assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
		seq = posted.json().path("seq").asLong();
		assertThat(api.as(member).put(group() + "/messages/" + seq + "/reactions/" + encode(emoji), null).status())
			.isEqualTo(200);
		Api.Response report = api.as(member).post(group() + "/messages/" + seq + "/reports", Map.of("reason", "test"));
		assertThat(report.status()).as(report.raw()).isEqualTo(201);
		reportId = report.text("id");
		assertThat(victim.put(group() + "/keyword-filter", Map.of("words", List.of("forbidden"))).status())
			.isEqualTo(200);
		assertThat(victim.post(group() + "/bans", Map.of("userId", banned)).status()).isEqualTo(201);
		Api.Response invite = victim.post(group() + "/invites", Map.of("maxUses", 5));
		assertThat(invite.status()).as(invite.raw()).isEqualTo(201);
		code = invite.text("code");
		assertThat(api.as(requester).post("/api/v1/invites/" + code + "/join", Map.of()).status()).isEqualTo(202);
		Api.Response webhook = victim.post(group() + "/webhooks",
				Map.of("url", "https://203.0.113.7/victim-hook", "events", List.of("report.created")));
		assertThat(webhook.status()).as(webhook.raw()).isEqualTo(201);
		webhookId = webhook.text("id");
		Api.Response device = victim.put("/api/v1/me/devices/" + DEVICE,
				Map.of("platform", "GATEWAY", "token", "victim-pushkey-1"));
		assertThat(device.status()).as(device.raw()).isEqualTo(201);
	}

	/** Every GET of the victim's group, as the owner reads it: status and body. */
	private Map<String, String> victimState(List<Operation> operations) {
		Map<String, String> state = new LinkedHashMap<>();
		for (Operation operation : operations) {
			boolean ofTheGroup = operation.path().contains("{groupId}") || operation.path().equals("/api/v1/groups");
			String path = resolve(operation);
			if (operation.method().equals("get") && ofTheGroup && path != null) {
				Api.Response response = api.as(owner).get(path + query(operation.spec()));
				state.put(operation.key(), response.status() + " " + response.raw());
			}
		}
		assertThat(state).as("GETs of the victim's group").hasSizeGreaterThan(5);
		return state;
	}

	/** The path with the victim's ids, or null when a parameter has no victim value. */
	private String resolve(Operation operation) {
		Matcher matcher = PARAMETER.matcher(operation.path());
		StringBuilder path = new StringBuilder();
		while (matcher.find()) {
			String value = value(matcher.group(1), operation.path());
			if (value == null) {
				return null;
			}
			matcher.appendReplacement(path, Matcher.quoteReplacement(encode(value)));
		}
		matcher.appendTail(path);
		return path.toString();
	}

	private String value(String parameter, String path) {
		return switch (parameter) {
			case "groupId" -> groupId;
			case "seq" -> String.valueOf(seq);
			case "code" -> code;
			case "reportId" -> reportId;
			case "webhookId" -> webhookId;
			case "emoji" -> emoji;
			case "deviceId" -> DEVICE;
			case "userId" -> path.contains("/join-requests/") ? requester : path.contains("/bans/") ? banned : member;
			default -> null;
		};
	}

	/** Required query parameters, with plausible values. */
	private static String query(JsonNode spec) {
		List<String> pairs = new ArrayList<>();
		for (JsonNode parameter : spec.path("parameters")) {
			if (parameter.path("in").asString().equals("query") && parameter.path("required").asBoolean()) {
				String name = parameter.path("name").asString();
				Object value = switch (name) {
					case "q" -> "private";
					case "days" -> 30;
					default -> scalar(parameter.path("schema"), name);
				};
				pairs.add(name + "=" + encode(String.valueOf(value)));
			}
		}
		return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
	}

	private static JsonNode bodySchema(JsonNode spec, JsonNode docs) {
		JsonNode content = spec.path("requestBody").path("content");
		JsonNode json = content.has("application/json") ? content.path("application/json")
				: content.values().iterator().next();
		return json.path("schema");
	}

	/**
	 * A value for a schema that a valid request would carry; properties get values
	 * fitting their names.
	 */
	private Object sample(JsonNode schema, JsonNode docs, String name) {
		if (schema.has("$ref")) {
			String ref = schema.path("$ref").asString();
			return sample(docs.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1)), docs,
					name);
		}
		Object named = name == null ? null : byName(name);
		if (named != null) {
			return named;
		}
		String type = typeOf(schema, "object");
		if (type.equals("array")) {
			return List.of(sample(schema.path("items"), docs, null));
		}
		if (type.equals("object")) {
			Map<String, Object> object = new LinkedHashMap<>();
			for (var property : schema.path("properties").properties()) {
				if (property.getKey().equals("poll")) {
					continue; // the sample message is TEXT, which carries no poll
				}
				object.put(property.getKey(), sample(property.getValue(), docs, property.getKey()));
			}
			return object;
		}
		return scalar(schema, name);
	}

	private Object byName(String name) {
		return switch (name) {
			case "userId" -> member;
			case "memberIds", "mentions", "targetIds" -> List.of(member);
			case "clientMsgId" -> "outsider-" + UUID.randomUUID();
			case "type" -> "TEXT";
			case "text", "reason", "description" -> "from outside";
			case "announcement" -> true;
			case "name" -> "Taken over";
			case "role" -> "ADMIN";
			case "seq", "replyToSeq" -> seq;
			case "slowModeSeconds" -> 5;
			case "memberLimit" -> 100;
			case "minFanLevel" -> 1;
			case "maxUses" -> 3;
			case "expiresInSeconds", "muteSeconds" -> 3600;
			case "visibility" -> "PUBLIC";
			case "action" -> "DISMISS";
			case "words" -> List.of("outsider");
			case "patterns" -> List.of("outsider[0-9]+");
			case "mutedUntil", "mutedNotificationsUntil" -> Instant.now().plus(1, ChronoUnit.HOURS).toString();
			case "video", "poll" -> null;
			default -> name.toLowerCase().endsWith("url") ? "https://example.org/hook" : null;
		};
	}

	private static Object scalar(JsonNode schema, String name) {
		if (schema.has("enum")) {
			return schema.path("enum").get(0).asString();
		}
		return switch (typeOf(schema, "string")) {
			case "integer", "number" -> schema.has("minimum") ? schema.path("minimum").asLong() : 1;
			case "boolean" -> true;
			default -> schema.path("format").asString().equals("date-time")
					? Instant.now().plus(1, ChronoUnit.HOURS).toString() : "x";
		};
	}

	/**
	 * The schema's type; OpenAPI 3.1 writes a nullable one as a list such as
	 * {@code ["integer", "null"]}.
	 */
	private static String typeOf(JsonNode schema, String otherwise) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode each : type) {
				if (!each.asString().equals("null")) {
					return each.asString();
				}
			}
		}
		return type.isString() ? type.asString() : otherwise;
	}

	private static List<Operation> operations(JsonNode docs) {
		List<Operation> operations = new ArrayList<>();
		for (var path : docs.path("paths").properties()) {
			for (var method : path.getValue().properties()) {
				if (WRITE_METHODS.contains(method.getKey()) || method.getKey().equals("get")) {
					operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()));
				}
			}
		}
		// the caller's own account last: deleting it must not turn the outsider into a
		// stranger too early
		operations.sort(Comparator.comparing(operation -> operation.path().startsWith(CALLERS_OWN)));
		return operations;
	}

	private String group() {
		return "/api/v1/groups/" + groupId;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	record Operation(String method, String path, JsonNode spec) {
		String key() {
			return method.toUpperCase() + " " + path;
		}
	}

}
