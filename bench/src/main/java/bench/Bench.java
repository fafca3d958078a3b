package bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The groupchat load tool. Loads the service over loopback like real clients and compares it, in the
 * same run and in alternating rounds (A B A B ...), with a bare peer: a no-protocol WebSocket
 * broadcast server for fan-out, pgbench for ingest and history. See bench/README.md.
 * <p>
 * This class holds the options and what the scenarios share (the report, connecting many clients,
 * machine load, tokens, psql/pgbench, logging); each scenario is a class of its own
 * ({@link FanoutScenario}, {@link IngestScenario}, {@link ConnectionsScenario}, {@link HistoryScenario}).
 */
public final class Bench {

	// ---- configuration ----
	boolean quick;
	String pushGateway;
	List<String> scenarios = List.of("ingest", "features", "history", "connections", "fanout", "cluster");
	/** The service jar, for the nodes the harness starts itself (cluster, features). */
	String jar;
	/** First port of those nodes. */
	int nodePort = 18100;
	/** The peer's HTTP side (push gateway, webhook receiver). */
	String peerHttp = "http://127.0.0.1:18091";
	/** Measured by the connections scenario; lets fan-out skip sizes that cannot fit in the service heap. */
	double heapPerSessionKb = -1;
	long heapMaxKb = -1;
	String base = "http://127.0.0.1:18080";
	String wsUrl = "ws://127.0.0.1:18080/ws";
	String peerUrl = "ws://127.0.0.1:18090";
	String secret;
	String db = "gc_bench";
	String pgHost = "127.0.0.1";
	String pgUser = "postgres";
	long servicePid = -1;
	long peerPid = -1;
	Path out = Path.of("bench/results");
	int maxSessions = 20_000;
	String command = "";
	List<Integer> fanoutSizes;
	int rounds;

	final Report report = new Report();

	static final HttpClient[] WS_CLIENTS = new HttpClient[4];
	static {
		for (int i = 0; i < WS_CLIENTS.length; i++) {
			ExecutorService ex = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("ws-" + i + "-", 0).factory());
			WS_CLIENTS[i] = HttpClient.newBuilder().executor(ex).connectTimeout(Duration.ofSeconds(30)).build();
		}
	}

	public static void main(String[] args) throws Exception {
		Bench b = new Bench();
		for (String a : args) {
			String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
			if (a.equals("--quick")) b.quick = true;
			else if (a.startsWith("--push-gateway=")) b.pushGateway = v;
			else if (a.startsWith("--jar=")) b.jar = v;
			else if (a.startsWith("--node-port=")) b.nodePort = Integer.parseInt(v);
			else if (a.startsWith("--peer-http=")) b.peerHttp = v;
			else if (a.startsWith("--scenarios=")) b.scenarios = List.of(v.split(","));
			else if (a.startsWith("--base=")) b.base = v;
			else if (a.startsWith("--ws=")) b.wsUrl = v;
			else if (a.startsWith("--peer=")) b.peerUrl = v;
			else if (a.startsWith("--secret=")) b.secret = v;
			else if (a.startsWith("--db=")) b.db = v;
			else if (a.startsWith("--service-pid=")) b.servicePid = Long.parseLong(v);
			else if (a.startsWith("--peer-pid=")) b.peerPid = Long.parseLong(v);
			else if (a.startsWith("--out=")) b.out = Path.of(v);
			else if (a.startsWith("--max-sessions=")) b.maxSessions = Integer.parseInt(v);
			else if (a.startsWith("--command=")) b.command = v;
			else if (a.startsWith("--fanout-sizes=")) b.fanoutSizes = Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
			else throw new IllegalArgumentException("unknown argument " + a);
		}
		if (b.secret == null) {
			b.secret = System.getenv("GROUPCHAT_JWT_SECRET");
		}
		if (b.fanoutSizes == null) {
			b.fanoutSizes = b.quick ? List.of(100, 1000) : List.of(100, 1000, 10_000);
		}
		b.rounds = b.quick ? 1 : 3;
		Files.createDirectories(b.out.resolve("raw"));
		b.runAll();
		System.exit(0);
	}

	void runAll() throws Exception {
		long t0 = System.nanoTime();
		report.begin(this);
		for (String s : scenarios) {
			log("=== scenario " + s + " ===");
			try {
				switch (s) {
					case "fanout" -> new FanoutScenario(this).run();
					case "ingest" -> new IngestScenario(this).run();
					case "connections" -> new ConnectionsScenario(this).run();
					case "history" -> new HistoryScenario(this).run();
					case "cluster" -> new ClusterScenario(this).run();
					case "features" -> new FeaturesScenario(this).run();
					default -> throw new IllegalArgumentException("unknown scenario " + s);
				}
			}
			catch (Exception ex) {
				log("scenario " + s + " FAILED: " + ex);
				ex.printStackTrace();
				report.note("Scenario " + s + " failed: " + ex.toString().replace('\n', ' '));
			}
		}
		report.end(this, (System.nanoTime() - t0) / 1e9);
	}

	static void log(String s) {
		System.out.println(Instant.now() + " " + s);
		System.out.flush();
	}

	// ---- rounds and machine load ----

	Probe probe() {
		return new Probe(servicePid);
	}

	/** A probe whose "service" is the process {@code pid} (a node the harness started). */
	Probe probe(long pid) {
		return new Probe(pid);
	}

	/** Machine load around one round: /proc/loadavg, CPU% of the service, the peer and this harness. */
	final class Probe {
		final String load0 = Util.loadavg();
		final long t0 = System.nanoTime();
		final long pid;
		final long svc0, peer0 = Util.cpuTicks(peerPid), me0 = Util.cpuTicks(ProcessHandle.current().pid());

		Probe(long pid) {
			this.pid = pid;
			this.svc0 = Util.cpuTicks(pid);
		}

		Report.Load done(String scenario, String side, int round) {
			double wall = (System.nanoTime() - t0) / 1e9;
			return new Report.Load(scenario, side, round, load0, Util.loadavg(), wall,
					pct(svc0, Util.cpuTicks(pid), wall), pct(peer0, Util.cpuTicks(peerPid), wall),
					pct(me0, Util.cpuTicks(ProcessHandle.current().pid()), wall));
		}

		private double pct(long a, long b, double wall) {
			return a < 0 || b < 0 ? Double.NaN : (b - a) / 100.0 / wall * 100;
		}
	}

	// ---- connecting many clients ----

	/**
	 * Opens {@code count} connections, at most {@code concurrency} at once, in the order of
	 * {@code tokens}. A CONNECT the service refuses as busy (503, "connect again in a second") is
	 * tried again a second later, as the app does, up to three times.
	 */
	List<Conn> connectMany(String url, boolean stomp, List<String> tokens, int count, String subscribe,
			java.util.function.Consumer<Conn> init, int concurrency) {
		Conn[] conns = new Conn[count];
		List<Integer> pending = new ArrayList<>();
		for (int i = 0; i < count; i++) pending.add(i);
		int retried = 0;
		String firstError = null;
		for (int pass = 0; pass < 4 && !pending.isEmpty(); pass++) {
			if (pass > 0) {
				retried += pending.size();
				Util.sleep(1000);
			}
			Semaphore gate = new Semaphore(concurrency);
			Map<Integer, CompletableFuture<Conn>> all = new LinkedHashMap<>();
			for (int i : pending) {
				gate.acquireUninterruptibly();
				String token = tokens == null ? null : tokens.get(i);
				CompletableFuture<Conn> f = Conn.open(WS_CLIENTS[i % WS_CLIENTS.length], url, stomp, token).thenCompose(c -> {
					init.accept(c);
					return subscribe == null || !stomp ? CompletableFuture.completedFuture(c) : c.subscribe(subscribe).thenApply(x -> c);
				}).orTimeout(60, TimeUnit.SECONDS);
				f.whenComplete((c, t) -> gate.release());
				all.put(i, f);
			}
			List<Integer> busy = new ArrayList<>();
			for (var e : all.entrySet()) {
				try {
					conns[e.getKey()] = e.getValue().get(120, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					String why = String.valueOf(ex.getCause() == null ? ex : ex.getCause());
					if (why.contains("connect again")) busy.add(e.getKey());
					else if (firstError == null) firstError = why;
				}
			}
			pending = busy;
		}
		List<Conn> open = new ArrayList<>(count);
		int failed = 0;
		for (Conn c : conns) {
			if (c == null) failed++;
			else open.add(c);
		}
		if (retried > 0) {
			log("  " + retried + " CONNECTs refused as busy were tried again a second later");
		}
		if (failed > 0) {
			log("  " + failed + " of " + count + " connections failed; first: " + (firstError == null ? "busy after 3 retries" : firstError));
		}
		if (failed > count / 100) {
			open.forEach(Conn::abort);
			throw new IllegalStateException(failed + " of " + count + " connections failed; first: " + firstError);
		}
		return open;
	}

	static int closeAll(List<Conn> conns) {
		int unexpected = 0;
		for (Conn c : conns) {
			if (!c.isOpen()) unexpected++;
			c.abort();
		}
		return unexpected;
	}

	/** Runs tasks with bounded concurrency on virtual threads; fails on the first failure. */
	static void parallel(int n, int concurrency, java.util.function.IntConsumer task) throws Exception {
		Semaphore gate = new Semaphore(concurrency);
		List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
		try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < n; i++) {
				int k = i;
				gate.acquireUninterruptibly();
				fs.add(ex.submit(() -> {
					try {
						task.accept(k);
					}
					finally {
						gate.release();
					}
				}));
			}
			for (var f : fs) f.get(300, TimeUnit.SECONDS);
		}
	}

	String tok(String user) {
		return Util.token(secret, user);
	}

	// ---- the service's heap (connections measures it, fan-out checks it) ----

	long heapAfterGc() {
		if (servicePid <= 0) return -1;
		String jcmd = jdkTool("jcmd");
		Util.run(60, Util.list(jcmd, "" + servicePid, "GC.run"));
		Util.sleep(500);
		String info = Util.run(60, Util.list(jcmd, "" + servicePid, "GC.heap_info"));
		Matcher r = Pattern.compile("reserved (\\d+)K").matcher(info);
		if (r.find()) heapMaxKb = Long.parseLong(r.group(1));
		Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
		return m.find() ? Long.parseLong(m.group(1)) : -1;
	}

	/** A tool of the JDK the harness runs on (java, jcmd). */
	static String jdkTool(String name) {
		return Path.of(System.getProperty("java.home"), "bin", name).toString();
	}

	// ---- PostgreSQL helpers ----

	/** PostgreSQL connections free right now (the machine's server is shared). */
	long freeConnections() {
		return count("select current_setting('max_connections')::int - count(*) from pg_stat_activity");
	}

	static String pgbench(long timeout, List<String> cmd) {
		try {
			return Util.run(timeout, cmd);
		}
		catch (IllegalStateException ex) {
			log("pgbench failed, retrying once in 5 s: " + ex.getMessage().lines().filter(l -> l.contains("error")).findFirst().orElse(""));
			Util.sleep(5000);
			return Util.run(timeout, cmd);
		}
	}

	void psql(String sql) {
		psql(db, sql);
	}

	void psql(String database, String sql) {
		Util.run(900, Util.list("psql", "-h", pgHost, "-U", pgUser, "-d", database, "-v", "ON_ERROR_STOP=1", "-qAtc", sql));
	}

	long count(String sql) {
		return count(db, sql);
	}

	long count(String database, String sql) {
		return Long.parseLong(Util.run(120, Util.list("psql", "-h", pgHost, "-U", pgUser, "-d", database, "-qAtc", sql)).trim());
	}

	static double tps(String pgbenchOutput) {
		Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(pgbenchOutput);
		if (!m.find()) throw new IllegalStateException("no tps in pgbench output:\n" + pgbenchOutput);
		return Double.parseDouble(m.group(1));
	}

	static void deleteLogs(String prefix) {
		Path p = Path.of(prefix);
		try (var files = Files.list(p.getParent())) {
			for (Path f : files.filter(f -> f.getFileName().toString().startsWith(p.getFileName() + ".")).toList()) Files.delete(f);
		}
		catch (java.io.IOException ex) {
			// nothing to delete
		}
	}

	/** Per-transaction latencies (µs, third column) from pgbench --log files. */
	static Histogram pgbenchLatency(String prefix) {
		Histogram h = new Histogram(3);
		Path p = Path.of(prefix);
		try (var files = Files.list(p.getParent())) {
			for (Path f : files.filter(f -> f.getFileName().toString().startsWith(p.getFileName() + ".")).toList()) {
				try (var lines = Files.lines(f)) {
					lines.forEach(line -> {
						String[] c = line.split(" ");
						if (c.length >= 3) h.recordValue(Math.max(1, Long.parseLong(c[2])));
					});
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		return h;
	}

	Map<String, String> facts() {
		Map<String, String> f = new LinkedHashMap<>();
		f.put("nproc", "" + Runtime.getRuntime().availableProcessors());
		try {
			f.put("cpu", Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
				.map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?"));
			f.put("memory", Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("\\s+", " "));
		}
		catch (Exception ex) {
			// leave out
		}
		f.put("harness JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		try {
			f.put("PostgreSQL", Util.run(30, Util.list("psql", "-h", pgHost, "-U", pgUser, "-d", db, "-qAtc", "select version()")).trim());
		}
		catch (Exception ex) {
			f.put("PostgreSQL", "?");
		}
		return f;
	}

}
