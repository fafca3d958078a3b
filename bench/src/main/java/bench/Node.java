package bench;

import static bench.Bench.log;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service node the harness starts itself, for the scenarios that need a configuration of their
 * own (two nodes over RabbitMQ, send-path features switched on and off): the same jar and JVM
 * options as the node {@code bench/run} starts, its own port, database and environment.
 */
final class Node implements AutoCloseable {

	final String name;

	final int port;

	final Process process;

	private Node(String name, int port, Process process) {
		this.name = name;
		this.port = port;
		this.process = process;
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	String ws() {
		return "ws://127.0.0.1:" + port + "/ws";
	}

	long pid() {
		return process.pid();
	}

	/** Drops and creates {@code db} (fresh schema for the nodes that will migrate it). */
	static void freshDatabase(Bench b, String db) {
		Util.run(120, Util.list("psql", "-h", b.pgHost, "-U", b.pgUser, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qc",
				"drop database if exists " + db + " with (force)", "-c", "create database " + db));
	}

	/**
	 * Starts the jar on {@code port} against {@code db} with {@code env} added to the benchmark's
	 * settings, and waits until it is healthy.
	 */
	static Node start(Bench b, String name, int port, String db, String heap, Map<String, String> env) {
		if (b.jar == null) throw new IllegalStateException("--jar is needed to start nodes");
		List<String> cmd = new ArrayList<>(List.of(Bench.jdkTool("java"), "-Xms" + heap, "-Xmx" + heap,
				"-XX:+UseG1GC"));
		String opts = System.getenv("BENCH_SERVICE_OPTS");
		if (opts != null && !opts.isBlank()) cmd.addAll(List.of(opts.trim().split("\\s+")));
		cmd.addAll(List.of("-jar", b.jar, "--server.address=127.0.0.1", "--server.port=" + port, "--server.tomcat.max-connections=30000"));
		ProcessBuilder pb = new ProcessBuilder(cmd);
		Map<String, String> e = pb.environment();
		e.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://" + b.pgHost + ":5432/" + db);
		e.put("SPRING_DATASOURCE_USERNAME", b.pgUser);
		e.put("SPRING_DATASOURCE_PASSWORD", "");
		e.put("GROUPCHAT_JWT_SECRET", b.secret);
		e.put("GROUPCHAT_RATE_LIMIT_ENABLED", "false");
		e.put("GROUPCHAT_REALTIME_HANDSHAKES_PER_SECOND", "0");
		e.remove("GROUPCHAT_PUSH_GATEWAY_URL");
		e.putAll(env);
		File logFile = b.out.resolve("raw/node-" + name + ".log").toFile();
		pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile));
		long t0 = System.nanoTime();
		Process p;
		try {
			p = pb.start();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("cannot start node " + name + ": " + ex, ex);
		}
		Node node = new Node(name, port, p);
		for (int i = 0; i < 240; i++) {
			if (!p.isAlive()) throw new IllegalStateException("node " + name + " died at start, see " + logFile);
			try {
				if (Util.call(node.base(), "GET", "/actuator/health", null, null).status() == 200) {
					log(String.format("  node %s up on :%d in %.1f s (pid %d)", name, port, (System.nanoTime() - t0) / 1e9, p.pid()));
					return node;
				}
			}
			catch (RuntimeException ex) {
				// not listening yet
			}
			Util.sleep(500);
		}
		node.close();
		throw new IllegalStateException("node " + name + " not healthy after 120 s, see " + logFile);
	}

	/** SIGSTOP: the node keeps its state and connections and runs nothing until {@link #resume()}. */
	void pause() {
		Util.run(10, Util.list("kill", "-STOP", "" + pid()));
	}

	void resume() {
		Util.run(10, Util.list("kill", "-CONT", "" + pid()));
	}

	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
