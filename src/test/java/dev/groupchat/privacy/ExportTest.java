package dev.groupchat.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.messaging.MessageType;
import dev.groupchat.messaging.Messaging;
import dev.groupchat.messaging.PostMessage;
import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/v1/me/export: a download of everything held about the caller, and nothing
 * about anyone else.
 */
class ExportTest extends MessagingEndToEndTest {

	@Autowired
	Messaging messaging;

	@Test
	void theExportHoldsTheCallersProfileMembershipsMessagesReactionsAndBlocksAndNothingElse() {
		String alice = user("alice");
		String bob = user("bob");
		String ownGroup = createGroup(alice, "FAN");
		String bobsGroup = createGroup(bob, "FAN");
		String elsewhere = createGroup(bob, "FAN");
		addMember(ownGroup, alice, bob);
		addMember(bobsGroup, bob, alice);
		long hello = post(alice, ownGroup, "a-1", "hello from alice");
		post(bob, ownGroup, "b-1", "hello from bob");
		long second = post(alice, bobsGroup, "a-2", "alice in bob's group");
		long bobs = post(bob, bobsGroup, "b-2", "bob in his group");
		long recalled = post(alice, bobsGroup, "a-3", "a message alice takes back");
		post(bob, elsewhere, "b-3", "where alice is not");
		String carol = user("carol");
		assertThat(api.as(alice).put("/api/v1/me/blocks/" + carol, null).status()).isEqualTo(204);
		assertThat(api.as(bob).put("/api/v1/me/blocks/" + alice, null).status()).isEqualTo(204);
		react(bob, ownGroup, hello, "❤️");
		react(alice, bobsGroup, bobs, "👍");
		react(bob, bobsGroup, bobs, "🔥");
		assertThat(api.as(alice).delete(messages(bobsGroup) + "/" + recalled).status()).isEqualTo(200);

		Api.Response export = api.as(alice).get("/api/v1/me/export");

		assertThat(export.status()).as(export.raw()).isEqualTo(200);
		assertThat(export.contentType()).startsWith("application/json");
		assertThat(export.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"groupchat-export.json\"");
		JsonNode body = export.json();
		assertThat(body.path("userId").asString()).isEqualTo(alice);
		assertThat(body.path("profile").path("id").asString()).isEqualTo(alice);
		assertThat(body.path("profile").path("name").asString()).isEqualTo("User " + alice);
		assertThat(rows(body.path("memberships"), m -> m.path("groupId").asString() + " " + m.path("role").asString()))
			.containsExactlyInAnyOrder(ownGroup + " OWNER", bobsGroup + " MEMBER");
		assertThat(rows(body.path("messages"),
				m -> m.path("groupId").asString() + " " + m.path("seq").asLong() + " "
						+ m.path("clientMsgId").asString() + " " + m.path("text").asString(null) + " "
						+ m.path("deleted").asBoolean()))
			.containsExactly(ownGroup + " " + hello + " a-1 hello from alice false",
					bobsGroup + " " + second + " a-2 alice in bob's group false",
					bobsGroup + " " + recalled + " a-3 null true");
		assertThat(body.path("messages").get(0).path("senderId").asString()).isEqualTo(alice);
		assertThat(body.path("messages").get(0).path("reactions").path("❤️").asInt()).as("counts of others' reactions")
			.isEqualTo(1);
		assertThat(rows(body.path("reactions"),
				r -> r.path("groupId").asString() + " " + r.path("seq").asLong() + " " + r.path("emoji").asString()))
			.containsExactly(bobsGroup + " " + bobs + " 👍");
		assertThat(body.path("reactions").get(0).path("createdAt").asString()).isNotBlank();
		assertThat(rows(body.path("blocks"), b -> b.path("userId").asString())).as("the blocks alice made, not bob's")
			.containsExactly(carol);
		assertThat(body.path("blocks").get(0).path("blockedAt").asString()).isNotBlank();
	}

	@Test
	void aUserWithThousandsOfMessagesGetsThemAllInOneStreamedDocument() {
		String writer = user("writer");
		String groupId = createGroup(writer, "FAN");
		int count = 5_000;
		CurrentUser asWriter = new CurrentUser(writer, null, 0, null, Set.of());
		// through the sending API in-process: 5,000 HTTP round trips would only make the
		// test slow
		IntStream.rangeClosed(1, count)
			.parallel()
			.forEach(i -> messaging.post(asWriter, UUID.fromString(groupId),
					new PostMessage("m-" + i, MessageType.TEXT, "message " + i, null, null, null, null)));

		Api.Response export = api.as(writer).get("/api/v1/me/export");

		assertThat(export.status()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Length")).as("not buffered to count its length").isEmpty();
		assertThat(export.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
		JsonNode messages = export.json().path("messages");
		assertThat(messages.size()).isEqualTo(count);
		assertThat(rows(messages, m -> m.path("seq").asLong()))
			.containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, count).mapToObj(Long::valueOf).toList());
		assertThat(rows(messages, m -> m.path("text").asString())).containsExactlyInAnyOrderElementsOf(
				IntStream.rangeClosed(1, count).mapToObj(i -> "message " + i).toList());
	}

	@Test
	void aUserNeverSeenBeforeGetsAnEmptyExport() {
		String newcomer = user("newcomer");

		JsonNode body = api.as(newcomer).get("/api/v1/me/export").json();

		assertThat(body.path("profile").path("id").asString()).as("created from the token's claims")
			.isEqualTo(newcomer);
		assertThat(body.path("memberships").size()).isZero();
		assertThat(body.path("messages").size()).isZero();
		assertThat(body.path("reactions").size()).isZero();
	}

	@Test
	void withoutATokenTheExportIsRefused() {
		Api.Response export = api.anonymous().get("/api/v1/me/export");

		assertThat(export.status()).isEqualTo(401);
		assertThat(export.contentType()).startsWith("application/problem+json");
		assertThat(export.text("type")).isEqualTo(ProblemType.UNAUTHORIZED.type().toString());
	}

	@Test
	void theApiDescriptionDocumentsTheDataRightsCalls() {
		JsonNode openApi = api.anonymous().get("/v3/api-docs").json();

		assertThat(openApi.path("paths").path("/api/v1/me/export").has("get")).isTrue();
		assertThat(openApi.path("paths").path("/api/v1/me").has("delete")).isTrue();
		assertThat(openApi.path("components")
			.path("schemas")
			.path("SettingsRequest")
			.path("properties")
			.has("retentionDays")).isTrue();
		assertThat(
				openApi.path("components").path("schemas").path("GroupDetails").path("properties").has("retentionDays"))
			.isTrue();
	}

}
