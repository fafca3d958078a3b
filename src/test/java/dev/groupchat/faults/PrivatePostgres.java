package dev.groupchat.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL that belongs to one test, so the test may stop it, start it again on the
 * same data and port, and pause it (SIGSTOP to the postmaster and every backend, as a
 * hung host would look).
 */
final class PrivatePostgres implements AutoCloseable {

	private final Path dataDir;

	private final int port;

	private EmbeddedPostgres postgres;

	private List<Long> paused = List.of();

	private PrivatePostgres(Path dataDir, int port) {
		this.dataDir = dataDir;
		this.port = port;
	}

	static PrivatePostgres start() throws IOException {
		PrivatePostgres db = new PrivatePostgres(Files.createTempDirectory("groupchat-fault-pg"), freePort());
		db.startAgain();
		return db;
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
	}

	void startAgain() throws IOException {
		postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPort(port)
			.start();
	}

	void stop() throws IOException {
		postgres.close();
		postgres = null;
	}

	/**
	 * SIGSTOP the postmaster first (so it forks no new backend), then every process under
	 * it.
	 */
	void pause() throws Exception {
		long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip());
		List<Long> pids = new ArrayList<>(List.of(postmaster));
		signal("-STOP", pids);
		ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> pids.add(p.pid()));
		signal("-STOP", pids);
		paused = pids;
	}

	void resume() throws Exception {
		if (!paused.isEmpty()) {
			signal("-CONT", paused);
			paused = List.of();
		}
	}

	private static void signal(String signal, List<Long> pids) throws Exception {
		List<String> command = new ArrayList<>(List.of("kill", signal));
		pids.forEach(pid -> command.add(Long.toString(pid)));
		Process kill = new ProcessBuilder(command).inheritIO().start();
		if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
			throw new IllegalStateException("kill " + signal + " " + pids + " failed");
		}
	}

	@Override
	public void close() throws Exception {
		resume();
		if (postgres != null) {
			stop();
		}
		try (Stream<Path> paths = Files.walk(dataDir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
