package dev.groupchat.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code target/groupchat.jar}, built by {@code mvn verify} before the
 * integration tests) run as its own process on the suite's database and a free loopback
 * port, as an operator runs it; for tests that stop it with a signal.
 */
public final class PackagedService implements AutoCloseable {

	private static final Path JAR = Path.of("target", "groupchat.jar");

	private final Process process;

	private final Path log;

	private final int port;

	private PackagedService(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts the jar with the suite's database, the test signing secret, rate limits off
	 * and {@code environment} on top; answers once it is ready.
	 */
	public static PackagedService start(Map<String, String> environment) throws Exception {
		return start(freePort(), environment);
	}

	/** The same on a given port (a restart on the port the clients know). */
	public static PackagedService start(int port, Map<String, String> environment) throws Exception {
		assertThat(JAR).as("the packaged jar (run through mvn verify)").isRegularFile();
		Path log = Files.createTempFile("groupchat-packaged", ".log");
		TestDatabase.Coordinates db = TestDatabase.get();
		String java = ProcessHandle.current().info().command().orElseThrow();
		ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString(), "--server.port=" + port,
				"--server.address=127.0.0.1");
		Map<String, String> env = builder.environment();
		env.keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("GROUPCHAT_"));
		env.put("SPRING_DATASOURCE_URL", db.url());
		env.put("SPRING_DATASOURCE_USERNAME", db.username());
		env.put("SPRING_DATASOURCE_PASSWORD", db.password());
		env.put("GROUPCHAT_JWT_SECRET", TestTokens.SECRET);
		env.put("GROUPCHAT_RATE_LIMIT_ENABLED", "false");
		env.putAll(environment);
		PackagedService service = new PackagedService(
				builder.redirectErrorStream(true).redirectOutput(log.toFile()).start(), log, port);
		service.awaitReady();
		return service;
	}

	public int port() {
		return port;
	}

	public Process process() {
		return process;
	}

	public String log() throws IOException {
		return Files.readString(log);
	}

	/** SIGKILL: no shutdown hook, no drain, open transactions abort. */
	public void kill9() throws InterruptedException {
		process.destroyForcibly();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private void awaitReady() throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest ready = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			assertThat(process.isAlive()).as("service alive; log:\n%s", log()).isTrue();
			try {
				if (http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(300);
		}
		throw new AssertionError("not ready within 90 s:\n" + log());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
