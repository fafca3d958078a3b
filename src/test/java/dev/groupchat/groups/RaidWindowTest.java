package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The raid window: joins spread over windows never add up; a burst inside one does.
 */
@TestPropertySource(properties = { "groupchat.groups.raid.max-joins=2", "groupchat.groups.raid.window=PT2S" })
class RaidWindowTest extends EndToEndTest {

	@Test
	void joinsInSeparateWindowsDoNotAddUpButABurstInOneTripsTheDefence() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		String code = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of()).text("code");

		assertThat(join(code).status()).isEqualTo(201);
		assertThat(join(code).status()).isEqualTo(201);
		clock.advance(Duration.ofMillis(2_100));
		assertThat(join(code).status()).as("a new window").isEqualTo(201);
		assertThat(join(code).status()).isEqualTo(201);
		Api.Response third = join(code);
		assertThat(third.status()).as("the third in one window trips it: " + third.raw()).isEqualTo(202);
		Api.Response paused = join(code);
		assertThat(paused.status()).isEqualTo(409);
		assertThat(paused.text("type")).isEqualTo(ProblemType.INVITE_PAUSED.type().toString());
	}

	private Api.Response join(String code) {
		return api.as(user("fan")).post("/api/v1/invites/" + code + "/join", Map.of());
	}

}
