package dev.groupchat.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Registering endpoints with the SSRF guard on (the default): what is refused, with which
 * problem, and what an OWNER sees of their endpoints. Nothing here is ever delivered.
 */
class WebhookRegistrationTest extends EndToEndTest {

	private static final String REFUSED = ProblemType.WEBHOOK_URL_REFUSED.type().toString();

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http://203.0.113.7/hook", "https://127.0.0.1/hook", "https://127.1.2.3:8443/hook",
			"https://10.1.2.3/hook", "https://172.16.0.1/hook", "https://192.168.1.1/hook",
			"https://169.254.169.254/latest/meta-data/", "https://[::1]/hook", "https://[fd00:ec2::254]/hook",
			"https://[::ffff:10.0.0.1]/hook", "https://0.0.0.0/hook", "https://100.100.100.200/hook",
			"https://localhost/hook", "https://localhost.:8443/hook", "ftp://203.0.113.7/hook", "not a url" })
	void anInternalOrPlainHttpUrlIsRefusedWithAClearProblem(String url) {
		String alice = user("alice");
		String group = createGroup(alice, "CHAT");

		Api.Response refused = register(alice, group, url, List.of("message.created"));

		assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.text("type")).isEqualTo(REFUSED);
		assertThat(refused.text("detail")).containsAnyOf("https", "internal address", "valid absolute URL",
				"does not resolve", "needs a host");
		assertThat(api.as(alice).get(hooks(group)).json().path("items")).isEmpty();
	}

	@Test
	void unknownEventsTooLongUrlsAndAnEleventhEndpointAreRefused() {
		String alice = user("alice");
		String group = createGroup(alice, "CHAT");

		Api.Response unknown = register(alice, group, "https://203.0.113.7/a",
				List.of("message.created", "message.read"));
		assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
		assertThat(unknown.text("detail")).contains("message.read");
		assertThat(register(alice, group, "https://203.0.113.7/a", List.of()).status()).isEqualTo(400);
		String longUrl = "https://203.0.113.7/" + "a".repeat(2049 - "https://203.0.113.7/".length());
		assertThat(register(alice, group, longUrl, List.of("member.joined")).status()).isEqualTo(400);

		for (int i = 0; i < 10; i++) {
			Api.Response created = register(alice, group, "https://203.0.113.7/hook-" + i, List.of("member.joined"));
			assertThat(created.status()).as(created.raw()).isEqualTo(201);
		}
		Api.Response eleventh = register(alice, group, "https://203.0.113.7/hook-10", List.of("member.joined"));
		assertThat(eleventh.status()).as(eleventh.raw()).isEqualTo(409);
	}

	@Test
	void theSecretIsShownOnceAndADeletedEndpointIsGone() {
		String alice = user("alice");
		String group = createGroup(alice, "CHAT");

		Api.Response created = register(alice, group, "https://203.0.113.7/hook",
				List.of("member.joined", "member.joined", "member.left"));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		String id = created.text("id");
		String secret = created.text("secret");
		assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
		assertThat(created.json().path("events").toString()).isEqualTo("[\"member.joined\",\"member.left\"]");

		Api.Response listed = api.as(alice).get(hooks(group));
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.json().path("items").get(0).path("id").asString()).isEqualTo(id);
		assertThat(listed.json().path("items").get(0).path("url").asString()).isEqualTo("https://203.0.113.7/hook");
		assertThat(listed.raw()).doesNotContain(secret).doesNotContain("secret");

		assertThat(api.as(alice).delete(hooks(group) + "/" + id).status()).isEqualTo(204);
		assertThat(api.as(alice).delete(hooks(group) + "/" + id).status()).isEqualTo(404);
		assertThat(api.as(alice).get(hooks(group)).json().path("items")).isEmpty();
	}

	private Api.Response register(String owner, String group, String url, List<String> events) {
		return api.as(owner).post(hooks(group), Map.of("url", url, "events", events));
	}

	private static String hooks(String group) {
		return "/api/v1/groups/" + group + "/webhooks";
	}

}
