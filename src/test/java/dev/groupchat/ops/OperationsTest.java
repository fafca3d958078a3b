package dev.groupchat.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * What an operator relies on: open health probes, metrics behind the ops role,
 * live-connection gauges.
 */
class OperationsTest extends EndToEndTest {

	@Test
	void healthIsOpenAndMetricsNeedTheOpsRole() {
		assertThat(api.anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(api.anonymous().get("/actuator/health/readiness").text("status")).isEqualTo("UP");
		assertThat(api.anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(api.as(user("plain")).get("/actuator/prometheus").status()).isEqualTo(403);
	}

	@Test
	void prometheusShowsTheLiveConnectionsOfThisNode() {
		String owner = user("owner");
		String groupId = createGroup(owner, "CHAT");
		try (StompTestClient client = StompTestClient.connect(port, TestTokens.token(owner))) {
			client.subscribe("/topic/group." + groupId);
			Api ops = api.as(user("ops"), Map.of("roles", List.of("ops")));
			Api.Response metrics = ops.get("/actuator/prometheus");
			assertThat(metrics.status()).isEqualTo(200);
			assertThat(gauge(metrics.raw(), "groupchat_realtime_sessions")).isGreaterThanOrEqualTo(1);
			assertThat(gauge(metrics.raw(), "groupchat_realtime_users")).isGreaterThanOrEqualTo(1);
			assertThat(metrics.raw()).contains("groupchat_realtime_subscriptions", "groupchat_realtime_groups");
		}
	}

	@Test
	void infoShowsTheBuildVersionAndTheGitCommit() {
		Api.Response info = api.as(user("ops"), Map.of("roles", List.of("ops"))).get("/actuator/info");
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.json().path("build").path("version").asString()).isNotBlank();
		assertThat(info.json().path("build").path("time").asString()).isNotBlank();
		// a build from a source tree without .git has no git.properties; from a clone it
		// has
		Assumptions.assumeTrue(new ClassPathResource("git.properties").exists(), "built without a .git directory");
		assertThat(info.json().path("git").path("commit").path("id").asString()).matches("[0-9a-f]{7,40}");
		assertThat(info.json().path("git").path("commit").path("time").asString()).isNotBlank();
	}

	private static double gauge(String body, String name) {
		Matcher m = Pattern.compile("^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(body);
		assertThat(m.find()).as(name + " in " + body.length() + " chars of metrics").isTrue();
		return Double.parseDouble(m.group(2));
	}

}
