package dev.groupchat.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.groupchat.notifications.PushEndToEndTest;
import dev.groupchat.support.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard and the alert rules shipped under {@code ops/} read metrics that exist:
 * every metric name in their queries appears on this running service's
 * /actuator/prometheus. The rules also pass {@code promtool check rules} and their unit
 * tests where promtool is installed. Push runs in the push tests' context (one context
 * with push on: every such context's workers take rows from the one database), and the
 * gateway refuses this test's device for good, so that a push fails and its counter
 * (tagged by reason, so created by the first failure) is there too.
 */
class OpsArtifactsTest extends PushEndToEndTest {

	static final Path DASHBOARD = Path.of("ops/grafana/dashboards/groupchat.json");

	static final Path RULES = Path.of("ops/prometheus-alerts.yml");

	static final Path RULE_TESTS = Path.of("ops/prometheus-alerts-test.yml");

	static final Path PROMTOOL = Path.of("/usr/bin/promtool");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
			"group_left", "group_right", "offset", "bool", "inf", "nan");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?");

	@Test
	void everyMetricTheDashboardAndTheAlertsUseIsExposed() throws IOException {
		String owner = user("owner");
		String member = user("member");
		String groupId = createGroup(owner, "CHAT");
		addMember(groupId, owner, member);
		refuseForGood("pk-" + member);
		Map<String, String> device = Map.of("platform", "GATEWAY", "token", "pk-" + member);
		assertThat(api.as(member).put("/api/v1/me/devices/phone", device).status()).isEqualTo(201);
		assertThat(api.as(owner)
			.post("/api/v1/groups/" + groupId + "/messages", Map.of("clientMsgId", "a-1", "type", "TEXT", "text", "hi"))
			.status()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(20)).until(() -> scrape().has("groupchat_push_failed_total"));
		Set<String> exposed = scrape().names();

		Set<String> dashboard = metricNames(dashboardExpressions());
		Set<String> rules = metricNames(ruleExpressions());
		assertThat(dashboard).as("metrics the dashboard uses").hasSizeGreaterThan(20);
		assertThat(rules).as("metrics the alerts use")
			.contains("groupchat_send_ack_seconds_bucket", "groupchat_sends_refused_total",
					"groupchat_writer_queue_depth", "groupchat_bus_connected", "groupchat_readiness_up",
					"groupchat_realtime_disconnects_total", "groupchat_push_outbox_oldest_age_seconds",
					"groupchat_webhooks_outbox_oldest_age_seconds");
		assertThat(dashboard).as("metrics the dashboard uses")
			.contains("groupchat_bus_lag_seconds_bucket", "groupchat_push_sent_total", "groupchat_push_failed_total",
					"groupchat_push_outbox_oldest_age_seconds", "groupchat_webhooks_delivered_total",
					"groupchat_webhooks_failed_total", "groupchat_webhooks_outbox_oldest_age_seconds",
					"groupchat_webhooks_queued");
		assertThat(exposed).as("metrics on /actuator/prometheus").containsAll(dashboard).containsAll(rules);
	}

	@Test
	void theRulesPassPromtool() throws Exception {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			assertThat(PROMTOOL).as("CI installs promtool (.ci/run); it never skips this").isExecutable();
		}
		Assumptions.assumeTrue(Files.isExecutable(PROMTOOL),
				"promtool is not installed (Debian package prometheus); rules not validated by it");
		assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS");
		assertThat(promtool("test", "rules", RULE_TESTS.toString())).contains("SUCCESS");
		Path config = Files.createTempDirectory("prometheus-config");
		Files.copy(Path.of("ops/prometheus.yml"), config.resolve("prometheus.yml"));
		Files.copy(RULES, config.resolve(RULES.getFileName()));
		Files.createDirectories(config.resolve("secrets"));
		Files.writeString(config.resolve("secrets/prometheus.token"), "a-token");
		assertThat(promtool("check", "config", config.resolve("prometheus.yml").toString())).contains("SUCCESS");
	}

	@Test
	void theExtractionFindsMetricsAndNothingElse() {
		assertThat(metricNames(List.of("histogram_quantile(0.99, sum by (le, transport) "
				+ "(rate(groupchat_send_ack_seconds_bucket{instance=~\"$instance\"}[$__rate_interval]))) > 1e-9",
				"a_total offset 1h / clamp_min(b_total, 1) and on (instance) c",
				"label_values(groupchat_realtime_sessions, instance)")))
			.containsExactlyInAnyOrder("groupchat_send_ack_seconds_bucket", "a_total", "b_total", "c",
					"groupchat_realtime_sessions");
	}

	private Scrape scrape() {
		Api.Response response = api.as(user("ops"), Map.of("roles", List.of("ops"))).get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		return new Scrape(response.raw());
	}

	private static String promtool(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		return out;
	}

	private static List<String> dashboardExpressions() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				expressions.add(target.path("expr").asString());
			}
		}
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			if (variable.path("query").isObject()) {
				expressions.add(variable.path("query").path("query").asString());
			}
		}
		return expressions;
	}

	@SuppressWarnings("unchecked")
	private static List<String> ruleExpressions() throws IOException {
		Map<String, Object> file = new Yaml().load(Files.readString(RULES));
		List<String> expressions = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				expressions.add((String) rule.get("expr"));
			}
		}
		return expressions;
	}

	/**
	 * The metric names of PromQL expressions: identifiers that are not functions,
	 * keywords or labels.
	 */
	static Set<String> metricNames(List<String> expressions) {
		Set<String> names = new TreeSet<>();
		for (String expression : expressions) {
			String stripped = expression.replaceAll("label_values\\(([^,)]+)(,[^)]*)?\\)", "$1")
				.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "")
				.replaceAll("\\{[^}]*\\}", "")
				.replaceAll("\\[[^\\]]*\\]", "")
				.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
				.replaceAll("\\$\\w+", "");
			Matcher m = IDENTIFIER.matcher(stripped);
			while (m.find()) {
				if (m.group(2) == null && !KEYWORDS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
					names.add(m.group(1));
				}
			}
		}
		return names;
	}

}
