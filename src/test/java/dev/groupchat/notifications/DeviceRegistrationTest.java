package dev.groupchat.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registering, replacing, listing and removing push devices, with their limits. */
class DeviceRegistrationTest extends EndToEndTest {

	@Test
	void aNewDeviceIs201AReplacedOne200AndTheListNeverShowsTokens() {
		Api alice = api.as(user("alice"));

		Api.Response created = alice.put("/api/v1/me/devices/phone-1", device("GATEWAY", "token-a", "de-AT"));
		Api.Response replaced = alice.put("/api/v1/me/devices/phone-1", device("GATEWAY", "token-b", null));

		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		assertThat(replaced.status()).as(replaced.raw()).isEqualTo(200);
		Api.Response list = alice.get("/api/v1/me/devices");
		assertThat(list.json().path("items")).hasSize(1);
		assertThat(list.json().path("items").get(0).path("deviceId").asString()).isEqualTo("phone-1");
		assertThat(list.raw()).doesNotContain("token-a").doesNotContain("token-b");
	}

	@Test
	void theEleventhDeviceIsRefusedAndReplacingOneOfTenIsNot() {
		Api alice = api.as(user("alice"));
		for (int i = 0; i < 10; i++) {
			assertThat(alice.put("/api/v1/me/devices/d" + i, device("FCM", "t-" + i + "-" + System.nanoTime(), null))
				.status()).isEqualTo(201);
		}

		Api.Response eleventh = alice.put("/api/v1/me/devices/d10", device("FCM", "t-11-" + System.nanoTime(), null));

		assertThat(eleventh.status()).as(eleventh.raw()).isEqualTo(409);
		assertThat(eleventh.contentType()).startsWith("application/problem+json");
		assertThat(alice.put("/api/v1/me/devices/d3", device("APNS", "t-new-" + System.nanoTime(), null)).status())
			.isEqualTo(200);
		assertThat(alice.get("/api/v1/me/devices").json().path("items")).hasSize(10);
	}

	@Test
	void deleteIs204ThenTheDeviceIsGone() {
		Api alice = api.as(user("alice"));
		alice.put("/api/v1/me/devices/tablet", device("GATEWAY", "tok-" + System.nanoTime(), null));

		assertThat(alice.delete("/api/v1/me/devices/tablet").status()).isEqualTo(204);
		assertThat(alice.delete("/api/v1/me/devices/tablet").status()).isEqualTo(404);
		assertThat(alice.get("/api/v1/me/devices").json().path("items")).isEmpty();
	}

	@Test
	void aTokenRegisteredByAnotherUserMovesToThem() {
		String token = "shared-" + System.nanoTime();
		Api alice = api.as(user("alice"));
		Api bob = api.as(user("bob"));
		alice.put("/api/v1/me/devices/phone", device("GATEWAY", token, null));

		assertThat(bob.put("/api/v1/me/devices/phone", device("GATEWAY", token, null)).status()).isEqualTo(201);

		assertThat(alice.get("/api/v1/me/devices").json().path("items")).isEmpty();
		assertThat(bob.get("/api/v1/me/devices").json().path("items")).hasSize(1);
	}

	@Test
	void oversizedOrMalformedInputIsA400AndChangesNothing() {
		Api alice = api.as(user("alice"));
		List<Api.Response> refused = new ArrayList<>();
		refused.add(alice.put("/api/v1/me/devices/" + "x".repeat(65), device("GATEWAY", "t", null)));
		refused.add(alice.put("/api/v1/me/devices/bad%20id", device("GATEWAY", "t", null)));
		refused.add(alice.put("/api/v1/me/devices/ok", device("GATEWAY", "x".repeat(1025), null)));
		refused.add(alice.put("/api/v1/me/devices/ok", device("GATEWAY", "has space", null)));
		refused.add(alice.put("/api/v1/me/devices/ok", device("PIGEON", "t", null)));
		refused.add(alice.put("/api/v1/me/devices/ok", device("GATEWAY", "t", "x".repeat(36))));
		refused.add(alice.put("/api/v1/me/devices/ok", Map.of("platform", "GATEWAY")));

		assertThat(refused).allSatisfy(response -> {
			assertThat(response.status()).as(response.raw()).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
		});
		assertThat(alice.get("/api/v1/me/devices").json().path("items")).isEmpty();
	}

	@Test
	void theApiDescriptionDocumentsTheDeviceAndSettingsCalls() {
		var paths = api.anonymous().get("/v3/api-docs").json().path("paths");

		assertThat(paths.path("/api/v1/me/devices/{deviceId}").has("put")).isTrue();
		assertThat(paths.path("/api/v1/me/devices/{deviceId}").has("delete")).isTrue();
		assertThat(paths.path("/api/v1/me/devices").has("get")).isTrue();
		assertThat(paths.path("/api/v1/groups/{groupId}/members/me/settings").has("patch")).isTrue();
		assertThat(paths.path("/api/v1/groups").path("get").path("parameters").toString()).contains("archived");
	}

	private static Map<String, Object> device(String platform, String token, String locale) {
		return locale == null ? Map.of("platform", platform, "token", token)
				: Map.of("platform", platform, "token", token, "locale", locale);
	}

}
