package dev.groupchat.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One send followed through its trace with every span sampled, the spans recorded by a
 * span processor of the real OpenTelemetry SDK: a REST send's http server span, the
 * writer batch that stored it and the fan-out that delivered it to a subscriber share one
 * trace, each a descendant of the one before; a STOMP send starts its own trace the same
 * way.
 */
class TracingTest extends EndToEndTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final List<SpanData> ENDED = new CopyOnWriteArrayList<>();

	@DynamicPropertySource
	static void sampleEverything(DynamicPropertyRegistry registry) {
		registry.add("management.tracing.sampling.probability", () -> "1.0");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Recording {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return new SpanProcessor() {

				@Override
				public void onStart(Context parent, ReadWriteSpan span) {
				}

				@Override
				public boolean isStartRequired() {
					return false;
				}

				@Override
				public void onEnd(ReadableSpan span) {
					ENDED.add(span.toSpanData());
				}

				@Override
				public boolean isEndRequired() {
					return true;
				}
			};
		}

	}

	@Test
	void aRestSendIsOneTraceFromTheRequestThroughTheWriterBatchToTheFanout() throws Exception {
		sendWhileSubscribed((owner, groupId, client) -> postText(owner, groupId, "traced"));
		SpanData request = await().atMost(WAIT)
			.until(() -> find(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/messages")),
					Optional::isPresent)
			.orElseThrow();
		String trace = request.getTraceId();
		SpanData batch = awaitSpan("groupchat.writer.batch", trace);
		SpanData fanout = awaitSpan("groupchat.fanout", trace);

		assertThat(descendsFrom(batch, request)).as("the batch continues the request's span").isTrue();
		assertThat(fanout.getParentSpanId()).as("the fan-out is a child of the batch").isEqualTo(batch.getSpanId());
		assertThat(batch.getAttributes().asMap().toString()).contains("groupchat.batch.size")
			.contains("groupchat.batch.traced");
		assertThat(fanout.getAttributes().asMap().toString()).contains("groupchat.subscribers");
	}

	@Test
	void aStompSendStartsATraceThatReachesTheFanout() throws Exception {
		sendWhileSubscribed((owner, groupId, client) -> client.sendAndAwait("/app/group." + groupId + ".send",
				Map.of("clientMsgId", "s-1", "type", "TEXT", "text", "traced")));
		SpanData send = await().atMost(WAIT)
			.until(() -> find(s -> s.getName().equals("groupchat.stomp.send")), Optional::isPresent)
			.orElseThrow();
		SpanData batch = awaitSpan("groupchat.writer.batch", send.getTraceId());
		SpanData fanout = awaitSpan("groupchat.fanout", send.getTraceId());

		assertThat(batch.getParentSpanId()).isEqualTo(send.getSpanId());
		assertThat(fanout.getParentSpanId()).isEqualTo(batch.getSpanId());
	}

	/**
	 * One send by a group's owner, who is subscribed to it (so that it fans out here).
	 */
	interface Send {

		void send(String owner, String groupId, StompTestClient client) throws Exception;

	}

	private void sendWhileSubscribed(Send send) throws Exception {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(owner))) {
			StompTestClient.Subscription topic = client.subscribeAndAwait("/topic/group." + groupId);
			ENDED.clear();
			send.send(owner, groupId, client);
			assertThat(topic.next("message.created", WAIT)).isNotNull();
		}
	}

	private static SpanData awaitSpan(String name, String traceId) {
		return await().atMost(WAIT)
			.until(() -> find(s -> s.getName().equals(name) && s.getTraceId().equals(traceId)), Optional::isPresent)
			.orElseThrow();
	}

	private static Optional<SpanData> find(Predicate<SpanData> which) {
		return ENDED.stream().filter(which).findFirst();
	}

	/**
	 * Whether {@code span}'s parents, among the recorded spans, lead to {@code ancestor}.
	 */
	private static boolean descendsFrom(SpanData span, SpanData ancestor) {
		String parent = span.getParentSpanId();
		for (int depth = 0; depth < 10; depth++) {
			if (parent.equals(ancestor.getSpanId())) {
				return true;
			}
			String id = parent;
			Optional<SpanData> next = find(s -> s.getSpanId().equals(id));
			if (next.isEmpty()) {
				return false;
			}
			parent = next.get().getParentSpanId();
		}
		return false;
	}

}
