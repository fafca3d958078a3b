package bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The groupchat load tool. Loads the service over loopback like real clients and compares it, in the
 * same run and in alternating rounds (A B A B ...), with a bare peer: a no-protocol WebSocket
 * broadcast server for fan-out, pgbench for ingest and history. See bench/README.md.
 */
public final class Bench {

	// ---- configuration ----
	boolean quick;
	String pushGateway;
	List<String> scenarios = List.of("ingest", "history", "connections", "fanout");
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
					case "fanout" -> fanout();
					case "ingest" -> ingest();
					case "connections" -> connections();
					case "history" -> history();
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

	/** Machine load around one round: /proc/loadavg, CPU% of the service, the peer and this harness. */
	final class Probe {
		final String load0 = Util.loadavg();
		final long t0 = System.nanoTime();
		final long svc0 = Util.cpuTicks(servicePid), peer0 = Util.cpuTicks(peerPid), me0 = Util.cpuTicks(ProcessHandle.current().pid());

		Report.Load done(String scenario, String side, int round) {
			double wall = (System.nanoTime() - t0) / 1e9;
			return new Report.Load(scenario, side, round, load0, Util.loadavg(), wall,
					pct(svc0, Util.cpuTicks(servicePid), wall), pct(peer0, Util.cpuTicks(peerPid), wall),
					pct(me0, Util.cpuTicks(ProcessHandle.current().pid()), wall));
		}

		private double pct(long a, long b, double wall) {
			return a < 0 || b < 0 ? Double.NaN : (b - a) / 100.0 / wall * 100;
		}
	}

	// ---- connecting many clients ----

	List<Conn> connectMany(String url, boolean stomp, List<String> tokens, int count, String subscribe,
			java.util.function.Consumer<Conn> init, int concurrency) {
		Semaphore gate = new Semaphore(concurrency);
		List<CompletableFuture<Conn>> all = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			gate.acquireUninterruptibly();
			String token = tokens == null ? null : tokens.get(i);
			CompletableFuture<Conn> f = Conn.open(WS_CLIENTS[i % WS_CLIENTS.length], url, stomp, token).thenCompose(c -> {
				init.accept(c);
				return subscribe == null || !stomp ? CompletableFuture.completedFuture(c) : c.subscribe(subscribe).thenApply(x -> c);
			}).orTimeout(60, TimeUnit.SECONDS);
			f.whenComplete((c, t) -> gate.release());
			all.add(f);
		}
		List<Conn> conns = new ArrayList<>(count);
		int failed = 0;
		String firstError = null;
		for (CompletableFuture<Conn> f : all) {
			try {
				conns.add(f.get(120, TimeUnit.SECONDS));
			}
			catch (Exception ex) {
				failed++;
				if (firstError == null) firstError = String.valueOf(ex.getCause() == null ? ex : ex.getCause());
			}
		}
		if (failed > 0) {
			log("  " + failed + " of " + count + " connections failed; first: " + firstError);
		}
		if (failed > count / 100) {
			conns.forEach(Conn::abort);
			throw new IllegalStateException(failed + " of " + count + " connections failed; first: " + firstError);
		}
		return conns;
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

	// ---- fan-out ----

	/** Deliveries of one round: latency per delivery (µs) and counts. */
	static final class Sink {
		final Recorder latency = new Recorder(3);
		final LongAdder delivered = new LongAdder();
		volatile long lastNanos;

		void accept(String body) {
			long t = Conn.stamp(body);
			if (t <= 0) return;
			long now = System.nanoTime();
			latency.recordValue(Math.max(1, (now - t) / 1000));
			delivered.increment();
			lastNanos = now;
		}

		/** Waits until {@code expected} deliveries have arrived or the timeout passes. */
		long await(long expected, long timeoutMs) {
			long end = System.nanoTime() + timeoutMs * 1_000_000;
			while (delivered.sum() < expected && System.nanoTime() < end) Util.sleep(10);
			return delivered.sum();
		}
	}

	int fixedRate(int n) {
		return switch (n) {
			case 100 -> 100;
			case 1000 -> 20;
			default -> Math.max(1, 20_000 / n);
		};
	}

	void fanout() throws Exception {
		int fixedSeconds = quick ? 3 : 20;
		int rampSteps = quick ? 4 : 8;
		double rampStepSeconds = quick ? 1.5 : 3;
		for (int n : fanoutSizes) {
			if (heapPerSessionKb > 0 && heapMaxKb > 0) {
				long usedNow = heapAfterGc();
				double projected = usedNow + n * heapPerSessionKb * 1.05;
				if (projected > 0.9 * heapMaxKb) {
					String msg = String.format("fan-out N=%,d not run: %,d sessions at %.0f KB each (measured by the connections scenario) would need %.0f MiB of the service's %.0f MiB heap",
							n, n, heapPerSessionKb * 1.024, projected / 1024, heapMaxKb / 1024.0);
					log(msg);
					report.note(msg);
					report.fanoutSkipped(n, msg);
					continue;
				}
			}
			String owner = "fo" + n + "-owner";
			String ownerToken = tok(owner);
			log("fan-out N=" + n + ": creating the group and " + n + " members over REST");
			long s0 = System.nanoTime();
			String gid = Util.field(Util.expect(Util.call(base, "POST", "/api/v1/groups", ownerToken,
					"{\"name\":\"fan-out " + n + "\",\"kind\":\"FAN\"}"), 201), "id");
			Util.expect(Util.call(base, "PATCH", "/api/v1/groups/" + gid, ownerToken, "{\"memberLimit\":20000}"), 200);
			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < n; i++) tokens.add(tok("fo" + n + "-m" + i));
			parallel(n, 16, i -> Util.expect(Util.call(base, "POST", "/api/v1/groups/" + gid + "/members", ownerToken,
					"{\"userId\":\"fo" + n + "-m" + i + "\"}"), 201));
			log(String.format("  setup took %.1f s", (System.nanoTime() - s0) / 1e9));
			int rate = fixedRate(n);
			for (int r = 1; r <= rounds; r++) {
				for (String side : List.of("groupchat", "peer")) {
					fanoutRound(n, gid, ownerToken, tokens, side, r, rate, fixedSeconds, rampSteps, rampStepSeconds);
				}
			}
		}
		report.fanoutDone(this);
	}

	void fanoutRound(int n, String gid, String ownerToken, List<String> tokens, String side, int round, int rate,
			int fixedSeconds, int rampSteps, double stepSeconds) {
		boolean stomp = side.equals("groupchat");
		String url = stomp ? wsUrl : peerUrl;
		Sink sink = new Sink();
		System.gc();
		Probe probe = new Probe();
		long c0 = System.nanoTime();
		List<Conn> receivers = connectMany(url, stomp, stomp ? tokens : null, n, "/topic/group." + gid,
				c -> c.onMessage = sink::accept, 200);
		double connectSeconds = (System.nanoTime() - c0) / 1e9;
		LongAdder acksOk = new LongAdder(), acksErr = new LongAdder();
		Conn sender = connectMany(url, stomp, stomp ? List.of(ownerToken) : null, 1, "/user/queue/acks", c -> c.onAck = body -> {
			if (body.contains("\"status\":\"OK\"")) acksOk.increment(); else acksErr.increment();
		}, 1).getFirst();
		String dest = "/app/group." + gid + ".send";
		String tag = "fo" + n + "-" + side + "-r" + round;
		log(String.format("fan-out N=%d %s round %d: %d receivers connected in %.1f s", n, side, round, n, connectSeconds));
		// warm-up: 2 s at the fixed rate, not measured
		long sent = paced(sender, stomp, dest, tag + "-w", rate, quick ? 1 : 2);
		sink.await(sent * n, 10_000);
		sink.latency.getIntervalHistogram();
		sink.delivered.reset();
		// fixed offered load
		long fs0 = System.nanoTime();
		sent = paced(sender, stomp, dest, tag + "-f", rate, fixedSeconds);
		long got = sink.await(sent * n, 15_000);
		double fixedWall = Math.max(fixedSeconds, (sink.lastNanos - fs0) / 1e9);
		Histogram fixed = sink.latency.getIntervalHistogram();
		log(String.format("  fixed %d msg/s: %d/%d deliveries, p50 %.2f ms p99 %.2f ms p99.9 %.2f ms", rate, got, sent * n,
				fixed.getValueAtPercentile(50) / 1000.0, fixed.getValueAtPercentile(99) / 1000.0,
				fixed.getValueAtPercentile(99.9) / 1000.0));
		// ramp: the highest sustained deliveries/s
		double best = 0;
		double msgRate = rate;
		List<String> steps = new ArrayList<>();
		for (int k = 0; k < rampSteps; k++) {
			sink.delivered.reset();
			sink.latency.getIntervalHistogram();
			long r0 = System.nanoTime();
			long s = paced(sender, stomp, dest, tag + "-s" + k, msgRate, stepSeconds);
			long d = sink.await(s * n, 3_000);
			Histogram h = sink.latency.getIntervalHistogram();
			double wall = Math.max(stepSeconds, (sink.lastNanos - r0) / 1e9);
			double achieved = d / wall;
			boolean ok = d >= 0.99 * s * n && h.getValueAtPercentile(99) <= 1_000_000;
			steps.add(String.format("%.0f/s%s", achieved, ok ? "" : "✗"));
			if (!ok) break;
			best = Math.max(best, achieved);
			msgRate *= quick ? 2 : 1.6;
		}
		sink.await(Long.MAX_VALUE, 2_000);
		int lost = closeAll(receivers) + closeAll(List.of(sender));
		Report.Load load = probe.done("fanout-" + n, side, round);
		log(String.format("  ramp %s -> sustained %.0f deliveries/s; acks ok=%d err=%d; sessions closed by server=%d; cpu svc %.0f%% peer %.0f%% harness %.0f%%",
				steps, best, acksOk.sum(), acksErr.sum(), lost, load.serviceCpu(), load.peerCpu(), load.harnessCpu()));
		report.fanoutRound(n, side, round, fixed, (double) got / Math.max(1, sent * n), got / fixedWall, best, String.join(" ", steps),
				acksErr.sum(), lost, connectSeconds, load);
		Util.sleep(1000);
	}

	/** Sends at {@code rate} messages/s for {@code seconds}; answers how many were sent. */
	long paced(Conn sender, boolean stomp, String dest, String tag, double rate, double seconds) {
		long interval = (long) (1e9 / rate);
		long start = System.nanoTime();
		long end = start + (long) (seconds * 1e9);
		long i = 0;
		for (;; i++) {
			long at = start + i * interval;
			if (at >= end) break;
			long wait = at - System.nanoTime();
			if (wait > 0) LockSupport.parkNanos(wait);
			String text = "bench@" + System.nanoTime() + "@ fan-out message " + i;
			String frame = stomp ? "{\"clientMsgId\":\"" + tag + "-" + i + "\",\"type\":\"TEXT\",\"text\":\"" + text + "\"}"
					: "{\"text\":\"" + text + "\"}";
			try {
				(stomp ? sender.sendStomp(dest, frame) : sender.send(frame)).get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("send failed: " + ex, ex);
			}
		}
		return i;
	}

	// ---- ingest ----

	void ingest() throws Exception {
		int groups = quick ? 200 : 1000;
		int wanted = quick ? 32 : 64;
		// pgbench needs one PostgreSQL connection per client, and the machine's PostgreSQL is shared:
		// cap the concurrency (the same for both sides) by the connections free right now.
		long free = count("select current_setting('max_connections')::int - count(*) from pg_stat_activity");
		int senders = (int) Math.max(8, Math.min(wanted, free - 20));
		if (senders < wanted) {
			report.note("Ingest concurrency " + senders + " instead of " + wanted + ": only " + free + " PostgreSQL connections were free.");
		}
		int seconds = quick ? 5 : 20;
		log("ingest: creating " + groups + " CHAT groups of 10 members over REST");
		long s0 = System.nanoTime();
		List<String> gids = new java.util.concurrent.CopyOnWriteArrayList<>(new String[groups]);
		parallel(groups, 16, g -> {
			StringBuilder members = new StringBuilder();
			for (int m = 1; m <= 9; m++) members.append(m > 1 ? "," : "").append("\"ing-g").append(g).append("-m").append(m).append('"');
			String body = "{\"name\":\"ingest " + g + "\",\"kind\":\"CHAT\",\"memberIds\":[" + members + "]}";
			gids.set(g, Util.field(Util.expect(Util.call(base, "POST", "/api/v1/groups", tok("ing-s" + (g % senders)), body), 201), "id"));
		});
		if (pushGateway != null) {
			// notifications on: every member but the sender is offline and has a phone, so each
			// message is one outbox row in the send transaction and 9 deliveries for the workers
			parallel(groups * 9, 16, i -> {
				String member = "ing-g" + (i / 9) + "-m" + (i % 9 + 1);
				Util.expect(Util.call(base, "PUT", "/api/v1/me/devices/phone", tok(member),
						"{\"platform\":\"GATEWAY\",\"token\":\"pk-" + member + "\"}"), 200, 201);
			});
			report.note("Ingest with notifications ON (BENCH_PUSH=1): the peer stands in for a Matrix push gateway; "
					+ "each of the 9 other members of every group is offline with one GATEWAY device.");
		}
		psql("create table if not exists bench_peer_message (like message including defaults including constraints including indexes);"
				+ "create sequence if not exists bench_peer_seq;");
		log(String.format("  setup took %.1f s", (System.nanoTime() - s0) / 1e9));
		String pgFile = out.resolve("raw/ingest.sql").toAbsolutePath().toString();
		Files.writeString(Path.of(pgFile), """
				\\set g random(1, 1000)
				insert into bench_peer_message (id, group_id, seq, sender_id, client_msg_id, type, text, mentions, created_at)
				values (gen_random_uuid(), ('00000000-0000-0000-0000-' || lpad(:g::text, 12, '0'))::uuid, nextval('bench_peer_seq'),
				        'ing-s' || :client_id, gen_random_uuid()::text, 'TEXT', 'ingest message with an ordinary length of text in it', '{}', now());
				""");
		for (int r = 1; r <= rounds; r++) {
			ingestService(gids, senders, seconds, r);
			ingestPgbench(pgFile, senders, seconds, r);
		}
		if (pushGateway != null) {
			String pushed = Util.call(pushGateway, "GET", "/push-count", null, null).body().strip();
			long outbox = count("select count(*) from notification_outbox");
			long deliveries = count("select count(*) from push_delivery where status = 'QUEUED'");
			String msg = String.format("Notifications at the end of ingest: %s pushes answered by the gateway, %,d messages not yet expanded, %,d deliveries queued.",
					pushed, outbox, deliveries);
			log(msg);
			report.note(msg);
		}
		report.ingestDone(this, groups, senders, seconds);
	}

	void ingestService(List<String> gids, int senders, int seconds, int round) {
		Probe probe = new Probe();
		Recorder rec = new Recorder(3);
		LongAdder ok = new LongAdder(), err = new LongAdder();
		AtomicLong lastAck = new AtomicLong();
		List<String> tokens = new ArrayList<>();
		for (int s = 0; s < senders; s++) tokens.add(tok("ing-s" + s));
		long[] sentAt = new long[senders];
		int[] counter = new int[senders];
		List<Conn> conns = new ArrayList<>();
		long deadline[] = { Long.MAX_VALUE };
		String firstError[] = { null };
		List<Conn> opened = connectMany(wsUrl, true, tokens, senders, "/user/queue/acks", c -> {
		}, 64);
		conns.addAll(opened);
		long before = count("select count(*) from message");
		for (int s = 0; s < senders; s++) {
			int me = s;
			Conn c = conns.get(s);
			c.onAck = body -> {
				long now = System.nanoTime();
				rec.recordValue(Math.max(1, (now - sentAt[me]) / 1000));
				if (body.contains("\"status\":\"OK\"")) ok.increment();
				else {
					err.increment();
					if (firstError[0] == null) firstError[0] = body;
				}
				lastAck.set(now);
				if (now < deadline[0]) sendIngest(c, me, senders, gids, sentAt, counter, round);
			};
		}
		long start = System.nanoTime();
		deadline[0] = start + seconds * 1_000_000_000L;
		for (int s = 0; s < senders; s++) sendIngest(conns.get(s), s, senders, gids, sentAt, counter, round);
		Util.sleep(seconds * 1000L);
		long waitEnd = System.nanoTime() + 10_000_000_000L;
		long total;
		while ((total = ok.sum() + err.sum()) < Arrays.stream(counter).sum() && System.nanoTime() < waitEnd) Util.sleep(10);
		double wall = (Math.max(lastAck.get(), deadline[0]) - start) / 1e9;
		long stored = count("select count(*) from message") - before;
		int lost = closeAll(conns);
		Histogram h = rec.getIntervalHistogram();
		Report.Load load = probe.done("ingest", "groupchat", round);
		log(String.format("ingest groupchat round %d: %d stored in %.1f s = %.0f msg/s; acks ok=%d err=%d; p50 %.2f p99 %.2f ms; closed=%d; cpu svc %.0f%% harness %.0f%%%s",
				round, stored, wall, stored / wall, ok.sum(), err.sum(), h.getValueAtPercentile(50) / 1000.0,
				h.getValueAtPercentile(99) / 1000.0, lost, load.serviceCpu(), load.harnessCpu(),
				firstError[0] == null ? "" : " first error: " + firstError[0]));
		report.ingestRound("groupchat", round, stored / wall, h, err.sum(), load);
		Util.sleep(1000);
	}

	private void sendIngest(Conn c, int s, int senders, List<String> gids, long[] sentAt, int[] counter, int round) {
		int k = counter[s]++;
		int groupIndex = s + senders * (k % (gids.size() / senders));
		sentAt[s] = System.nanoTime();
		c.sendStomp("/app/group." + gids.get(groupIndex) + ".send", "{\"clientMsgId\":\"ing-r" + round + "-" + k
				+ "\",\"type\":\"TEXT\",\"text\":\"ingest message with an ordinary length of text in it\"}");
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

	void ingestPgbench(String file, int clients, int seconds, int round) {
		Probe probe = new Probe();
		String prefix = out.resolve("raw/pgbench-ingest-r" + round).toAbsolutePath().toString();
		deleteLogs(prefix);
		String o = pgbench(seconds + 60, Util.list("pgbench", "-h", pgHost, "-U", pgUser, "-n", "-c", "" + clients, "-j", "2",
				"-T", "" + seconds, "-M", "prepared", "-f", file, "--log", "--log-prefix=" + prefix, db));
		double tps = tps(o);
		Histogram h = pgbenchLatency(prefix);
		Report.Load load = probe.done("ingest", "pgbench", round);
		log(String.format("ingest pgbench round %d: %.0f inserts/s; p50 %.2f p99 %.2f ms", round, tps,
				h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0));
		report.ingestRound("pgbench", round, tps, h, 0, load);
	}

	// ---- connections ----

	void connections() throws Exception {
		List<Integer> levels = new ArrayList<>(quick ? List.of(500, 1000, 2000) : List.of(1000, 3000, 10_000, 20_000));
		levels.replaceAll(l -> Math.min(l, maxSessions));
		int top = levels.getLast();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < top; i++) tokens.add(tok("cx-" + i));
		Probe probe = new Probe();
		long heap0 = heapAfterGc(), rss0 = Util.rssKb(servicePid);
		report.connectionsBaseline(heap0, rss0, levels, maxSessions);
		if (maxSessions < 20_000) {
			report.note("RLIMIT_NOFILE (hard) on this machine is " + (maxSessions + 400) + ": each process can hold at most about "
					+ maxSessions + " sockets, so the top step is " + levels.getLast() + " sessions, not 20,000.");
		}
		log(String.format("connections: baseline heap after GC %d KiB, RSS %d KiB", heap0, rss0));
		List<Conn> all = new ArrayList<>();
		for (int level : levels) {
			int add = level - all.size();
			if (add <= 0) continue;
			if (heapPerSessionKb > 0 && heapMaxKb > 0) {
				long usedNow = heapAfterGc();
				double projected = usedNow + add * heapPerSessionKb * 1.05;
				if (projected > 0.9 * heapMaxKb) {
					String msg = String.format("connections: stopped before %,d sessions: projected heap %.0f MiB > 90%% of the service's max heap %.0f MiB (%.0f KB per session)",
							level, projected / 1024, heapMaxKb / 1024.0, heapPerSessionKb * 1.024);
					log(msg);
					report.note(msg);
					break;
				}
			}
			long c0 = System.nanoTime();
			List<Conn> more = connectMany(wsUrl, true, tokens.subList(all.size(), level), add, "/user/queue/events", c -> {
			}, 200);
			double secs = (System.nanoTime() - c0) / 1e9;
			all.addAll(more);
			Util.sleep(2000);
			long open = all.stream().filter(Conn::isOpen).count();
			long heap = heapAfterGc(), rss = Util.rssKb(servicePid);
			double heapPer = (heap - heap0) * 1024.0 / open, rssPer = (rss - rss0) * 1024.0 / open;
			log(String.format("  %d sessions (%d open): +%d in %.1f s = %.0f/s; heap after GC %d KiB (%.1f KB/session), RSS %d KiB (%.1f KB/session)",
					level, open, more.size(), secs, more.size() / secs, heap, heapPer / 1000, rss, rssPer / 1000));
			report.connectionsLevel(level, (int) open, more.size() / secs, heap, rss, heapPer, rssPer);
			heapPerSessionKb = heapPer / 1024;
		}
		int lost = closeAll(all);
		report.connectionsDone(this, lost, probe.done("connections", "groupchat", 1));
	}

	long heapAfterGc() {
		if (servicePid <= 0) return -1;
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		Util.run(60, Util.list(jcmd, "" + servicePid, "GC.run"));
		Util.sleep(500);
		String info = Util.run(60, Util.list(jcmd, "" + servicePid, "GC.heap_info"));
		Matcher r = Pattern.compile("reserved (\\d+)K").matcher(info);
		if (r.find()) heapMaxKb = Long.parseLong(r.group(1));
		Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
		return m.find() ? Long.parseLong(m.group(1)) : -1;
	}

	// ---- history ----

	void history() throws Exception {
		int rows = quick ? 100_000 : 1_000_000;
		int seconds = quick ? 3 : 15;
		String owner = "hist-owner";
		String token = tok(owner);
		String gid = Util.field(Util.expect(Util.call(base, "POST", "/api/v1/groups", token,
				"{\"name\":\"history\",\"kind\":\"CHAT\"}"), 201), "id");
		log("history: inserting " + rows + " messages with SQL");
		long s0 = System.nanoTime();
		psql("insert into message (id, group_id, seq, sender_id, client_msg_id, type, text, mentions, reactions, created_at)"
				+ " select gen_random_uuid(), '" + gid + "', s, '" + owner + "', 'h' || s, 'TEXT',"
				+ " 'history message ' || s || ' with an ordinary length of text in it', '{}', '{}',"
				+ " now() - (" + rows + " - s) * interval '1 second' from generate_series(1, " + rows + ") s;"
				+ "update chat_group set last_seq = " + rows + " where id = '" + gid + "';"
				+ "");
		psql("vacuum analyze message");
		log(String.format("  seeded in %.1f s", (System.nanoTime() - s0) / 1e9));
		String file = out.resolve("raw/history.sql").toAbsolutePath().toString();
		Files.writeString(Path.of(file), "\\set b random(51, " + rows + ")\n"
				+ "select id, group_id, seq, sender_id, client_msg_id, type, text, video_id, video_cover_url, media_url,"
				+ " reply_to_seq, mentions, reactions::text as reactions, created_at, edited_at, deleted_at from message"
				+ " where group_id = '" + gid + "' and seq > 0 and seq < :b order by seq desc limit 51;\n");
		// warm-up, not measured
		historyService(gid, token, rows, 2, quick ? 2 : 5, 0);
		for (int c : List.of(1, 8)) {
			for (int r = 1; r <= rounds; r++) {
				historyService(gid, token, rows, c, seconds, r);
				historyPgbench(file, c, seconds, r);
			}
		}
		report.historyDone(this, rows, seconds);
	}

	void historyService(String gid, String token, int rows, int conns, int seconds, int round) throws Exception {
		Probe probe = new Probe();
		Recorder rec = new Recorder(3);
		LongAdder okCount = new LongAdder(), bad = new LongAdder();
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		long start = System.nanoTime();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < conns; t++) {
			threads.add(Thread.ofPlatform().start(() -> {
				while (System.nanoTime() < end) {
					long b = ThreadLocalRandom.current().nextLong(51, rows + 1);
					HttpRequest req = HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/groups/" + gid + "/messages?beforeSeq=" + b + "&limit=50"))
						.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
					long t0 = System.nanoTime();
					try {
						HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
						rec.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
						if (r.statusCode() == 200) okCount.increment(); else bad.increment();
					}
					catch (Exception ex) {
						bad.increment();
					}
				}
			}));
		}
		for (Thread t : threads) t.join(seconds * 1000L + 30_000);
		double wall = (System.nanoTime() - start) / 1e9;
		client.close();
		Histogram h = rec.getIntervalHistogram();
		Report.Load load = probe.done("history-c" + conns, "groupchat", round);
		if (round == 0) return;
		log(String.format("history groupchat c=%d round %d: %.0f req/s, p50 %.2f p99 %.2f ms, errors %d; cpu svc %.0f%% harness %.0f%%", conns, round,
				okCount.sum() / wall, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, bad.sum(),
				load.serviceCpu(), load.harnessCpu()));
		report.historyRound(conns, "groupchat", round, okCount.sum() / wall, h, bad.sum(), load);
	}

	void historyPgbench(String file, int conns, int seconds, int round) {
		Probe probe = new Probe();
		String prefix = out.resolve("raw/pgbench-history-c" + conns + "-r" + round).toAbsolutePath().toString();
		deleteLogs(prefix);
		String o = pgbench(seconds + 60, Util.list("pgbench", "-h", pgHost, "-U", pgUser, "-n", "-c", "" + conns, "-j",
				"" + Math.min(conns, 2), "-T", "" + seconds, "-M", "prepared", "-f", file, "--log", "--log-prefix=" + prefix, db));
		double tps = tps(o);
		Histogram h = pgbenchLatency(prefix);
		Report.Load load = probe.done("history-c" + conns, "pgbench", round);
		log(String.format("history pgbench c=%d round %d: %.0f q/s, p50 %.2f p99 %.2f ms", conns, round, tps,
				h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0));
		report.historyRound(conns, "pgbench", round, tps, h, 0, load);
	}

	// ---- PostgreSQL helpers ----

	void psql(String sql) {
		Util.run(900, Util.list("psql", "-h", pgHost, "-U", pgUser, "-d", db, "-v", "ON_ERROR_STOP=1", "-qAtc", sql));
	}

	long count(String sql) {
		return Long.parseLong(Util.run(120, Util.list("psql", "-h", pgHost, "-U", pgUser, "-d", db, "-qAtc", sql)).trim());
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
