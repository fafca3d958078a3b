package dev.groupchat.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = { "groupchat.rate-limit.enabled=true", "groupchat.rate-limit.user-per-second=2",
		"groupchat.rate-limit.user-burst=5" })
class RateLimitTest extends EndToEndTest {

	@Test
	void aUserOverTheBurstIsRefusedWith429AndRetryAfterAcrossAllTheirGroups() throws Exception {
		String sender = user("chatty");
		String first = createGroup(sender, "CHAT");
		String second = createGroup(sender, "CHAT");
		List<Integer> statuses = new ArrayList<>();
		Api.Response refused = null;
		for (int i = 0; i < 8; i++) {
			Api.Response response = api.as(sender).post("/api/v1/groups/" + (i % 2 == 0 ? first : second) + "/messages",
					Map.of("clientMsgId", "m" + i, "type", "TEXT", "text", "message " + i));
			statuses.add(response.status());
			if (response.status() == 429 && refused == null) {
				refused = response;
			}
		}
		assertThat(statuses.subList(0, 5)).containsOnly(201);
		assertThat(statuses.subList(5, 8)).contains(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(refused.text("type")).isEqualTo("https://groupchat.dev/problems/rate-limited");
		Thread.sleep(1_100);
		Api.Response later = api.as(sender).post("/api/v1/groups/" + first + "/messages",
				Map.of("clientMsgId", "later", "type", "TEXT", "text", "after waiting"));
		assertThat(later.status()).isEqualTo(201);
	}

}
