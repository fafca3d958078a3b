package dev.groupchat.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = { "groupchat.rate-limit.enabled=true", "groupchat.rate-limit.user-per-second=1",
		"groupchat.rate-limit.user-burst=5" })
class RateLimitTest extends EndToEndTest {

	@Test
	void aUserOverTheBurstIsRefusedWith429AndRetryAfterAcrossAllTheirGroups() throws Exception {
		String sender = user("chatty");
		String first = createGroup(sender, "CHAT");
		String second = createGroup(sender, "CHAT");
		Api client = api.as(sender);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Api.Response>> sends = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
			for (int i = 0; i < 12; i++) {
				String groupId = i % 2 == 0 ? first : second;
				Map<String, Object> body = Map.of("clientMsgId", "m" + i, "type", "TEXT", "text", "message " + i);
				sends.add(pool.submit(() -> {
					start.await();
					return client.post("/api/v1/groups/" + groupId + "/messages", body);
				}));
			}
			start.countDown();
			List<Api.Response> responses = new ArrayList<>();
			for (Future<Api.Response> send : sends) {
				responses.add(send.get());
			}
			List<Api.Response> refused = responses.stream().filter(r -> r.status() == 429).toList();
			long stored = responses.stream().filter(r -> r.status() == 201).count();
			// a burst of 5, plus at most the tokens refilled (1/s) while the 12 requests
			// arrive
			assertThat(stored).isBetween(5L, 7L);
			assertThat(stored + refused.size()).isEqualTo(12);
			assertThat(refused).allSatisfy(r -> {
				assertThat(r.text("type")).isEqualTo(ProblemType.RATE_LIMITED.type().toString());
				assertThat(r.headers().firstValue("Retry-After").map(Integer::parseInt))
					.hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1, 7));
			});
		}
		Thread.sleep(2_100);
		Api.Response later = client.post("/api/v1/groups/" + first + "/messages",
				Map.of("clientMsgId", "later", "type", "TEXT", "text", "after waiting"));
		assertThat(later.status()).isEqualTo(201);
	}

}
