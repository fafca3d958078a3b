package dev.groupchat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.shared.SendPressure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The writer's settings bind with their documented defaults, and a value the writer
 * cannot work with stops the start with a message that names the setting.
 */
class MessagingPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	@Test
	void withNothingSetTheDefaultsApply() {
		this.runner.run(context -> {
			MessagingProperties properties = context.getBean(MessagingProperties.class);
			assertThat(properties.writers()).isEqualTo(2);
			assertThat(properties.maxBatch()).isEqualTo(256);
			assertThat(properties.queueCapacity()).isEqualTo(20_000);
			assertThat(properties.enqueueTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.sendTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.searchIndexing()).isTrue();
			assertThat(properties.historyReadPath()).isTrue();
		});
	}

	@Test
	void withSearchIndexingOffTheNodeRunsNoIndexer() {
		this.runner.withPropertyValues("groupchat.messaging.search-indexing=false").run(context -> {
			MessagingProperties properties = context.getBean(MessagingProperties.class);
			assertThat(properties.searchIndexing()).isFalse();
			// no statement is ever sent: the indexer has no database to send it to
			SearchIndexer indexer = new SearchIndexer(null, properties, SendPressure.NONE);
			indexer.start();
			assertThat(indexer.isRunning()).isFalse();
			indexer.stop();
		});
	}

	@Test
	void withTheHistoryReadPathOffEveryPageTakesTheFilterChain() {
		MockHttpServletRequest page = new MockHttpServletRequest("GET",
				"/api/v1/groups/" + UUID.randomUUID() + "/messages");
		this.runner
			.run(context -> assertThat(readPath(context.getBean(MessagingProperties.class)).shouldNotFilter(page))
				.as("on by default")
				.isFalse());
		this.runner.withPropertyValues("groupchat.messaging.history-read-path=false").run(context -> {
			MessagingProperties properties = context.getBean(MessagingProperties.class);
			assertThat(properties.historyReadPath()).isFalse();
			assertThat(readPath(properties).shouldNotFilter(page)).isTrue();
		});
	}

	private static HistoryReadPath readPath(MessagingProperties properties) {
		return new HistoryReadPath(null, null, JsonMapper.builder().build(), new SimpleMeterRegistry(), properties);
	}

	@Test
	void zeroWritersFailTheStartNamingTheSetting() {
		this.runner.withPropertyValues("groupchat.messaging.writers=0").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("groupchat.messaging")
				.hasStackTraceContaining("on field 'writers': rejected value [0]")
				.hasStackTraceContaining("must be greater than or equal to 1");
		});
	}

	@Test
	void aSendTimeoutOfZeroFailsTheStart() {
		this.runner.withPropertyValues("groupchat.messaging.send-timeout=0s").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("on field 'sendTimeout'");
		});
	}

	@EnableConfigurationProperties(MessagingProperties.class)
	static class Config {

	}

}
