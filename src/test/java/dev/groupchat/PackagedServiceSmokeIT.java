package dev.groupchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a newcomer does first: start the packaged jar with no configuration at all, mint a
 * token with its {@code token} command, create a group, restart, and find the group
 * again. Runs the jar as a separate process, so the test suite's database settings cannot
 * help it; only its home directory is a fresh temporary one (the embedded database and
 * the development secret live there).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PackagedServiceSmokeIT {

	private static final Path JAR = Path.of("target", "groupchat.jar");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private Path home;

	private Process service;

	private Path log;

	@BeforeEach
	void freshHome() throws IOException {
		assertThat(JAR).as("the packaged jar (run through mvn verify)").isRegularFile();
		home = Files.createTempDirectory("groupchat-smoke-home");
	}

	@AfterEach
	void cleanUp() throws Exception {
		stop();
		deleteRecursively(home);
	}

	@Test
	void packagedJarRunsWithoutConfigurationAndKeepsItsDataAcrossRestarts() throws Exception {
		int port = start();
		Api smoke = new Api(port).withToken(mintToken("smoke-user", "--name=Smoke"));

		Api.Response created = smoke.post("/api/v1/groups", Map.of("name", "Smoke fans", "kind", "FAN"));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		String groupId = created.text("id");
		assertThat(created.text("ownerId")).isEqualTo("smoke-user");
		assertThat(groupIds(smoke)).containsExactly(groupId);

		stop();
		port = start();
		smoke = new Api(port).withToken(mintToken("smoke-user", "--name=Smoke"));

		assertThat(groupIds(smoke)).as("groups after a restart on the same data directory").containsExactly(groupId);
	}

	private static List<String> groupIds(Api api) {
		Api.Response mine = api.get("/api/v1/groups");
		assertThat(mine.status()).as(mine.raw()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		mine.json().path("items").forEach(group -> ids.add(group.path("id").asString()));
		return ids;
	}

	/** Starts the jar on a free port and answers the port once health is UP. */
	private int start() throws Exception {
		int port = freePort();
		log = home.resolve("service-" + port + ".log");
		ProcessBuilder builder = command("--server.port=" + port);
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		service = builder.start();
		awaitHealthy(port);
		return port;
	}

	private void awaitHealthy(int port) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!service.isAlive()) {
				throw new AssertionError(
						"the service exited with " + service.exitValue() + " before it was healthy:\n" + processLog());
			}
			try {
				HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("the service was not healthy within " + STARTUP_TIMEOUT + ":\n" + processLog());
	}

	/**
	 * Runs {@code java -jar groupchat.jar token ...} with the same home, as the README
	 * shows.
	 */
	private String mintToken(String userId, String... options) throws Exception {
		List<String> args = new ArrayList<>(List.of("token", userId));
		args.addAll(List.of(options));
		ProcessBuilder builder = command(args.toArray(String[]::new));
		Path err = home.resolve("token.err");
		builder.redirectError(err.toFile());
		Process token = builder.start();
		String out = new String(token.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(token.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(token.exitValue()).as(Files.readString(err)).isZero();
		List<String> lines = out.lines().filter(line -> !line.isBlank()).toList();
		assertThat(lines).as("token output").isNotEmpty();
		return lines.getLast().strip();
	}

	/**
	 * {@code java -jar target/groupchat.jar ARGS} with this test's java, nothing
	 * configured, and the temporary home ({@code HOME} and {@code user.home}, which Java
	 * takes from the password file).
	 */
	private ProcessBuilder command(String... args) {
		String java = ProcessHandle.current().info().command().orElseThrow();
		List<String> command = new ArrayList<>(List.of(java, "-Duser.home=" + home, "-jar", JAR.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		Map<String, String> env = builder.environment();
		env.keySet()
			.removeIf(name -> name.startsWith("SPRING_") || name.startsWith("GROUPCHAT_")
					|| name.startsWith("TEST_DATABASE_") || name.startsWith("SERVER_")
					|| name.equals("JAVA_TOOL_OPTIONS") || name.equals("JDK_JAVA_OPTIONS"));
		env.put("HOME", home.toString());
		return builder;
	}

	/**
	 * Stops the service as an operator would (SIGTERM), so it shuts its embedded database
	 * down.
	 */
	private void stop() throws Exception {
		if (service == null) {
			return;
		}
		Process process = service;
		service = null;
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			System.err.println("the service did not stop within 60 s; killing it\n" + processLog());
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	private String processLog() {
		try {
			return log == null || !Files.exists(log) ? "(no log)" : Files.readString(log);
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (dir == null || !Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
