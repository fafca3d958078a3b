import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The fault suite: each case starts the packaged service (fresh database), drives it with real STOMP
 * clients over loopback, injects one fault (kill -9, PostgreSQL stopped or paused, RabbitMQ stopped,
 * a client that stops reading, SIGTERM, sockets that never speak) and judges what a user would
 * notice. Every case is bounded in time. Prints {@code case | figures | pass/fail} and writes it to
 * the results file. Run through {@code faults/run}, which prepares PostgreSQL and RabbitMQ.
 */
public final class Faults {

	record Row(String name, String figures, boolean pass) {
	}

	private final Map<String, String> opt;

	private final Path jar;

	private final Path logs;

	private final String secret;

	private int nextPort;

	private Faults(Map<String, String> opt) {
		this.opt = opt;
		this.jar = Path.of(opt.get("jar"));
		this.logs = Path.of(opt.getOrDefault("logs", opt.get("out") + "/logs"));
		this.secret = opt.get("secret");
		this.nextPort = Integer.parseInt(opt.getOrDefault("port", "18180"));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> opt = new HashMap<>();
		for (String a : args) {
			int eq = a.indexOf('=');
			opt.put(a.substring(2, eq), a.substring(eq + 1));
		}
		Faults suite = new Faults(opt);
		Files.createDirectories(suite.logs);
		List<String> cases = List.of(opt.getOrDefault("cases",
				"kill9,pg-stop,pg-pause,rabbit-stop,slow-consumer,sigterm,idle-sockets").split(","));
		List<Row> rows = new ArrayList<>();
		for (String name : cases) {
			Row row = suite.bounded(name);
			System.out.printf("%-14s | %s | %s%n", row.name(), row.figures(), row.pass() ? "pass" : "FAIL");
			rows.add(row);
		}
		suite.write(rows);
		System.exit(rows.stream().allMatch(Row::pass) ? 0 : 1);
	}

	private Row bounded(String name) {
		ExecutorService one = Executors.newSingleThreadExecutor();
		List<Node> nodes = new CopyOnWriteArrayList<>();
		Future<Row> run = one.submit(() -> run(name, nodes));
		try {
			return run.get(Long.parseLong(opt.getOrDefault("case-limit", "240")), TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			run.cancel(true);
			return new Row(name, "did not finish within the case limit", false);
		}
		catch (Exception ex) {
			Throwable cause = ex.getCause() == null ? ex : ex.getCause();
			return new Row(name, "error: " + cause.toString().replace('|', '/').replace('\n', ' '), false);
		}
		finally {
			one.shutdownNow();
			nodes.forEach(Node::stopQuietly);
			restore(name);
		}
	}

	/** Whatever a case leaves behind (a stopped or paused database or broker) is undone. */
	private void restore(String name) {
		try {
			if (name.startsWith("pg")) {
				sh(opt.get("pgctl"), "resume");
				sh(opt.get("pgctl"), "start");
			}
			if (name.startsWith("rabbit")) {
				sh(opt.get("rabbitctl"), "start");
			}
		}
		catch (Exception ex) {
			System.err.println("restore after " + name + ": " + ex);
		}
	}

	private Row run(String name, List<Node> nodes) throws Exception {
		sh(opt.get("pgctl"), "fresh");
		return switch (name) {
			case "kill9" -> kill9(nodes);
			case "pg-stop" -> database(nodes, "pg-stop", "stop", "start", 20, 2_000);
			case "pg-pause" -> database(nodes, "pg-pause", "pause", "resume", 15, 3_000);
			case "rabbit-stop" -> rabbit(nodes);
			case "slow-consumer" -> slowConsumer(nodes);
			case "sigterm" -> sigterm(nodes);
			case "idle-sockets" -> idleSockets(nodes);
			default -> new Row(name, "unknown case", false);
		};
	}

	// ---- cases ----

	/** kill -9 during 200 sends/s, restart, clients reconnect and resend what was not acked. */
	private Row kill9(List<Node> nodes) throws Exception {
		Node node = node(nodes, Map.of());
		List<String> users = users("k", 20);
		String group = node.group(secret, "k-owner", users);
		Subscriber sub = new Subscriber(node, secret, "k-owner", group);
		Load load = new Load(group, users, secret, "k9");
		load.connect(node);
		load.start(200);
		Thread.sleep(5_000);
		node.kill9();
		load.stop();
		int ackedBefore = load.ackedOk().size();
		int sent = load.sentAt.size();
		node.start(Duration.ofSeconds(120));
		long up = System.nanoTime();
		load.connect(node);
		sub.resume(node);
		boolean resent = load.resendUntilAcked(up + 15_000_000_000L);
		List<Node.Stored> history = node.history(Node.token(secret, "k-owner"), group);
		boolean complete = sub.awaitAll(history.size(), up + 15_000_000_000L);
		double resume = (System.nanoTime() - up) / 1e9;
		Check c = check(history, load.ackedOk());
		load.close();
		sub.close();
		boolean pass = c.lost == 0 && c.duplicates == 0 && c.contiguous && resent && complete && resume <= 15;
		return new Row("kill9", String.format("sent %d at 200/s, acked before kill %d; after restart: acked lost %d, "
				+ "duplicates %d, seqs contiguous %s (%d stored), all resends acked %s, subscriber complete in %.1f s",
				sent, ackedBefore, c.lost, c.duplicates, c.contiguous ? "yes" : "NO", history.size(), resent ? "yes" : "NO",
				resume), pass);
	}

	/** PostgreSQL stopped (or paused) under 200 sends/s, then back. */
	private Row database(List<Node> nodes, String name, String fault, String repair, int seconds, long answerLimitMs)
			throws Exception {
		Node node = node(nodes, Map.of());
		List<String> users = users("d", 20);
		String group = node.group(secret, "d-owner", users);
		Load load = new Load(group, users, secret, name);
		load.connect(node);
		Probe readiness = new Probe(node, "/actuator/health/readiness");
		Probe liveness = new Probe(node, "/actuator/health/liveness");
		load.start(200);
		Thread.sleep(4_000);
		long faultAt = System.nanoTime();
		sh(opt.get("pgctl"), fault);
		Thread.sleep(seconds * 1_000L);
		long repairAt = System.nanoTime();
		sh(opt.get("pgctl"), repair);
		long repaired = System.nanoTime();
		Thread.sleep(8_000);
		load.stop();
		Thread.sleep(3_000);
		readiness.stop();
		liveness.stop();
		List<String> during = load.sentAt.entrySet().stream()
			.filter(e -> e.getValue() >= faultAt && e.getValue() <= repairAt)
			.map(Map.Entry::getKey)
			.toList();
		long unanswered = during.stream().filter(id -> !load.acks.containsKey(id)).count();
		long maxAnswer = during.stream()
			.mapToLong(id -> load.acks.containsKey(id) ? (load.acks.get(id).atNanos() - load.sentAt.get(id)) / 1_000_000 : 0)
			.max()
			.orElse(-1);
		long errors = during.stream().filter(id -> load.acks.containsKey(id) && load.acks.get(id).status().equals("ERROR"))
			.count();
		Set<String> types = new java.util.TreeSet<>();
		load.acks.values().stream().filter(a -> a.status().equals("ERROR")).forEach(a -> types.add(a.type()));
		double down = readiness.firstAfter(faultAt, s -> s != 200);
		double up = readiness.firstAfter(repaired, s -> s == 200);
		double firstOk = load.acks.values().stream()
			.filter(a -> a.status().equals("OK") && a.atNanos() > repaired)
			.mapToDouble(a -> (a.atNanos() - repaired) / 1e9)
			.min()
			.orElse(-1);
		List<Node.Stored> history = node.history(Node.token(secret, "d-owner"), group);
		Check c = check(history, load.ackedOk());
		load.close();
		boolean pass = unanswered == 0 && maxAnswer <= answerLimitMs && c.lost == 0 && c.duplicates == 0
				&& down >= 0 && down <= 5 && up >= 0 && firstOk >= 0 && firstOk <= 5 && liveness.failures() == 0;
		return new Row(name, String.format("%s %d s: %d sends during it, %d unanswered, slowest answer %d ms (limit %d), "
				+ "%d ERROR acks (types %s); acked but not stored %d, duplicates %d; readiness DOWN after %s s, UP %s s "
				+ "after recovery; first OK ack %s s after recovery; liveness failures %d of %d, health p99 %d ms",
				fault, seconds, during.size(), unanswered, maxAnswer, answerLimitMs, errors, types, c.lost, c.duplicates,
				secs(down), secs(up), secs(firstOk), liveness.failures(), liveness.count(), readiness.p99()), pass);
	}

	/** Two nodes on RabbitMQ; the broker stops for 20 s while node A's users talk. */
	private Row rabbit(List<Node> nodes) throws Exception {
		Map<String, String> bus = Map.of("GROUPCHAT_BUS_TYPE", "rabbitmq", "SPRING_RABBITMQ_HOST", "127.0.0.1",
				"SPRING_RABBITMQ_PORT", opt.get("rabbit-port"), "SPRING_RABBITMQ_USERNAME", "guest",
				"SPRING_RABBITMQ_PASSWORD", "guest");
		Node a = node(nodes, bus);
		Node b = node(nodes, bus);
		List<String> users = users("r", 4);
		String group = a.group(secret, "r-owner", users);
		Subscriber local = new Subscriber(a, secret, "r-owner", group);
		Subscriber remote = new Subscriber(b, secret, users.getFirst(), group);
		Thread.sleep(1_000);
		Load load = new Load(group, users, secret, "rb");
		load.connect(a);
		load.start(20);
		Thread.sleep(4_000);
		long stopAt = System.nanoTime();
		sh(opt.get("rabbitctl"), "stop");
		Thread.sleep(20_000);
		long backAt = System.nanoTime();
		sh(opt.get("rabbitctl"), "start");
		long started = System.nanoTime();
		Thread.sleep(3_000);
		load.stop();
		Thread.sleep(1_000);
		List<Node.Stored> history = a.history(Node.token(secret, "r-owner"), group);
		Map<String, Long> seqOf = new HashMap<>();
		history.forEach(s -> seqOf.put(s.clientMsgId(), s.seq()));
		List<Long> ackedDuring = load.acks.entrySet().stream()
			.filter(e -> e.getValue().status().equals("OK") && e.getValue().atNanos() > stopAt
					&& e.getValue().atNanos() < backAt)
			.map(e -> seqOf.get(e.getKey()))
			.filter(java.util.Objects::nonNull)
			.toList();
		long localGot = ackedDuring.stream().filter(local.seqs::contains).count();
		boolean remoteComplete = remote.awaitAll(history.size(), started + 15_000_000_000L);
		double remoteSeconds = (System.nanoTime() - started) / 1e9;
		List<Long> order = new ArrayList<>(remote.order);
		boolean inOrderOnce = IntStream.range(1, order.size()).allMatch(i -> order.get(i) > order.get(i - 1));
		int sendsDuring = (int) load.sentAt.values().stream().filter(t -> t > stopAt && t < backAt).count();
		load.close();
		local.close();
		remote.close();
		boolean pass = ackedDuring.size() * 10 >= sendsDuring * 9 && localGot == ackedDuring.size() && remoteComplete
				&& inOrderOnce;
		return new Row("rabbit-stop", String.format("broker stopped 20 s under 20 sends/s on node A: %d sends during it, "
				+ "%d acked; node A's subscriber got %d of them live; node B's subscriber complete (%d of %d) %s "
				+ "%.1f s after the broker was back, in order and once: %s", sendsDuring, ackedDuring.size(), localGot,
				remote.seqs.size(), history.size(), remoteComplete ? "in" : "NOT in", remoteSeconds,
				inOrderOnce ? "yes" : "NO"), pass);
	}

	/** 20 readers and one client that stops reading, 1 KiB messages at 200/s. */
	private Row slowConsumer(List<Node> nodes) throws Exception {
		Node node = node(nodes, Map.of());
		List<String> readers = users("s", 20);
		List<String> senders = users("sw", 4);
		List<String> all = new ArrayList<>(readers);
		all.addAll(senders);
		all.add("s-slow");
		String group = node.group(secret, "s-owner", all);
		Load load = new Load(group, senders, secret, "sc").padded(1_000);
		load.connect(node);
		List<Subscriber> subs = new ArrayList<>();
		for (String r : readers) {
			subs.add(new Subscriber(node, secret, r, group).timing(load));
		}
		load.start(200);
		Thread.sleep(2_000);
		subs.forEach(Subscriber::resetLatencies);
		Thread.sleep(8_000);
		long baseP99 = Subscriber.p99(subs);
		subs.forEach(Subscriber::resetLatencies);
		int before = sessions(node);
		Stomp slow = Stomp.open(node.ws(), Node.token(secret, "s-slow"), false);
		slow.subscribe("g", "/topic/group." + group, "");
		long slowAt = System.nanoTime();
		double closedAfter = -1;
		while (System.nanoTime() - slowAt < 20_000_000_000L) {
			Thread.sleep(250);
			if (closedAfter < 0 && sessions(node) <= before) {
				closedAfter = (System.nanoTime() - slowAt) / 1e9;
			}
			if (closedAfter >= 0 && System.nanoTime() - slowAt > 8_000_000_000L) {
				break;
			}
		}
		long slowP99 = Subscriber.p99(subs);
		load.close();
		slow.abort();
		subs.forEach(Subscriber::close);
		long allowed = Math.max(baseP99 * 12 / 10, baseP99 + 5);
		boolean pass = closedAfter >= 0 && closedAfter <= 10 && slowP99 <= allowed;
		return new Row("slow-consumer", String.format("20 readers, 1 KiB at 200/s: the non-reading client was closed "
				+ "%s; others' delivery p99 %d ms with it vs %d ms without (allowed %d)",
				closedAfter < 0 ? "NEVER (20 s)" : String.format("after %.1f s", closedAfter), slowP99, baseP99, allowed),
				pass);
	}

	/** SIGTERM during 200 sends/s; restart; clients resend what was not acked. */
	private Row sigterm(List<Node> nodes) throws Exception {
		Node node = node(nodes, Map.of());
		List<String> users = users("t", 20);
		String group = node.group(secret, "t-owner", users);
		Load load = new Load(group, users, secret, "st");
		load.connect(node);
		load.start(200);
		Thread.sleep(4_000);
		long exitMs = node.sigterm(Duration.ofSeconds(40));
		load.stop();
		Thread.sleep(500);
		Map<Integer, Integer> codes = load.closeCodes();
		Set<String> types = new java.util.TreeSet<>();
		load.acks.values().stream().filter(a -> a.status().equals("ERROR")).forEach(a -> types.add(a.type()));
		int acked = load.ackedOk().size();
		int sent = load.sentAt.size();
		int retry = (int) load.acks.values().stream().filter(a -> a.status().equals("ERROR")).count();
		node.start(Duration.ofSeconds(120));
		load.connect(node);
		boolean resent = load.resendUntilAcked(System.nanoTime() + 15_000_000_000L);
		List<Node.Stored> history = node.history(Node.token(secret, "t-owner"), group);
		Check c = check(history, load.ackedOk());
		load.close();
		boolean allRestart = codes.size() == 1 && codes.containsKey(1012) && codes.get(1012) == users.size();
		boolean pass = exitMs >= 0 && exitMs <= 30_000 && allRestart && types.stream().allMatch("unavailable"::equals)
				&& c.lost == 0 && c.duplicates == 0 && c.contiguous && resent && history.size() == sent;
		return new Row("sigterm", String.format("SIGTERM during 200 sends/s: exit after %d ms; sent %d, acked OK %d, "
				+ "'retry' acks %d (types %s), close codes %s; after restart and resends: acked lost %d, duplicates %d, "
				+ "stored %d of %d, seqs contiguous %s", exitMs, sent, acked, retry, types, codes, c.lost, c.duplicates,
				history.size(), sent, c.contiguous ? "yes" : "NO"), pass);
	}

	/** 50 WebSockets that never send CONNECT and 20 TCP connections that never send a request. */
	private Row idleSockets(List<Node> nodes) throws Exception {
		Node node = node(nodes, Map.of());
		List<Stomp> ws = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			ws.add(Stomp.open(node.ws(), null));
		}
		List<Socket> tcp = new ArrayList<>();
		Map<Socket, Long> tcpClosed = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		for (int i = 0; i < 20; i++) {
			Socket s = new Socket("127.0.0.1", node.port);
			tcp.add(s);
			Thread.ofVirtual().start(() -> {
				try {
					s.setSoTimeout(40_000);
					if (s.getInputStream().read() < 0) {
						tcpClosed.put(s, System.nanoTime());
					}
				}
				catch (Exception ex) {
					tcpClosed.put(s, System.nanoTime());
				}
			});
		}
		Map<Stomp, Long> wsClosed = new ConcurrentHashMap<>();
		ws.forEach(s -> s.closed.thenRun(() -> wsClosed.put(s, System.nanoTime())));
		while (System.nanoTime() - start < 32_000_000_000L && (wsClosed.size() < ws.size() || tcpClosed.size() < tcp.size())) {
			Thread.sleep(250);
		}
		double wsLast = wsClosed.values().stream().mapToDouble(t -> (t - start) / 1e9).max().orElse(-1);
		double tcpLast = tcpClosed.values().stream().mapToDouble(t -> (t - start) / 1e9).max().orElse(-1);
		long wsIn15 = wsClosed.values().stream().filter(t -> t - start <= 15_000_000_000L).count();
		long tcpIn30 = tcpClosed.values().stream().filter(t -> t - start <= 30_000_000_000L).count();
		ws.forEach(Stomp::abort);
		for (Socket s : tcp) {
			s.close();
		}
		boolean pass = wsIn15 == ws.size() && tcpIn30 == tcp.size();
		return new Row("idle-sockets", String.format("WebSockets without CONNECT closed by the server within 15 s: "
				+ "%d of %d (last at %s s); TCP connections without a request closed within 30 s: %d of %d (last at %s s)",
				wsIn15, ws.size(), secs(wsLast), tcpIn30, tcp.size(), secs(tcpLast)), pass);
	}

	// ---- helpers ----

	private record Check(int lost, int duplicates, boolean contiguous) {
	}

	private static Check check(List<Node.Stored> history, List<String> ackedOk) {
		Set<String> ids = new HashSet<>();
		int duplicates = 0;
		boolean contiguous = true;
		for (int i = 0; i < history.size(); i++) {
			if (!ids.add(history.get(i).clientMsgId())) {
				duplicates++;
			}
			contiguous &= history.get(i).seq() == i + 1;
		}
		int lost = (int) ackedOk.stream().filter(id -> !ids.contains(id)).count();
		return new Check(lost, duplicates, contiguous);
	}

	private Node node(List<Node> nodes, Map<String, String> extra) throws Exception {
		int port = nextPort++;
		Map<String, String> env = new LinkedHashMap<>(Map.of("SPRING_DATASOURCE_URL", opt.get("pg-url"),
				"SPRING_DATASOURCE_USERNAME", "postgres", "SPRING_DATASOURCE_PASSWORD", "", "GROUPCHAT_JWT_SECRET", secret,
				"GROUPCHAT_RATE_LIMIT_ENABLED", "false"));
		env.putAll(extra);
		Node node = new Node(jar, port, logs.resolve("node-" + port + ".log"), env);
		nodes.add(node);
		return node.start(Duration.ofSeconds(120));
	}

	private static List<String> users(String prefix, int n) {
		return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
	}

	private int sessions(Node node) {
		Node.Reply r = node.get("/actuator/prometheus", Node.token(secret, "ops-faults"), Duration.ofSeconds(5));
		Matcher m = Pattern.compile("(?m)^groupchat_realtime_sessions(\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(r.body());
		return m.find() ? (int) Double.parseDouble(m.group(2)) : -1;
	}

	private static String secs(double s) {
		return s < 0 ? "never" : String.format("%.1f", s);
	}

	static void sh(String... command) throws Exception {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
		}
	}

	private void write(List<Row> rows) throws Exception {
		StringBuilder md = new StringBuilder("# Fault suite: last run\n\n");
		md.append("`").append(opt.getOrDefault("command", "faults/run")).append("` on ").append(Instant.now())
			.append(", commit ").append(opt.getOrDefault("commit", "?")).append(", ")
			.append(Runtime.getRuntime().availableProcessors()).append(" CPUs.\n\n");
		md.append("| case | figures | pass/fail |\n|---|---|---|\n");
		for (Row r : rows) {
			md.append("| ").append(r.name()).append(" | ").append(r.figures()).append(" | ")
				.append(r.pass() ? "pass" : "**fail**").append(" |\n");
		}
		md.append("\nService logs of this run: `").append(logs).append("` (not committed).\n");
		Files.writeString(Path.of(opt.get("out"), "LAST.md"), md.toString());
	}

	/** Polls one health endpoint every 250 ms (2 s timeout) and records each answer. */
	static final class Probe {

		record Sample(long at, int status, long millis) {
		}

		final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());

		private volatile boolean running = true;

		Probe(Node node, String path) {
			Thread.ofVirtual().start(() -> {
				while (running) {
					long at = System.nanoTime();
					Node.Reply r = node.get(path, null, Duration.ofSeconds(2));
					samples.add(new Sample(at, r.status(), r.millis()));
					Load.sleep(250);
				}
			});
		}

		void stop() {
			running = false;
		}

		/** Seconds after {@code since} of the first answer that matches, or -1. */
		double firstAfter(long since, java.util.function.IntPredicate status) {
			synchronized (samples) {
				return samples.stream().filter(s -> s.at() >= since && status.test(s.status()))
					.mapToDouble(s -> (s.at() + s.millis() * 1_000_000 - since) / 1e9).min().orElse(-1);
			}
		}

		long failures() {
			synchronized (samples) {
				return samples.stream().filter(s -> s.status() != 200).count();
			}
		}

		int count() {
			return samples.size();
		}

		long p99() {
			synchronized (samples) {
				List<Long> ms = samples.stream().map(Sample::millis).sorted().toList();
				return ms.isEmpty() ? -1 : ms.get((int) Math.min(ms.size() - 1, Math.ceil(ms.size() * 0.99) - 1));
			}
		}

	}

}
