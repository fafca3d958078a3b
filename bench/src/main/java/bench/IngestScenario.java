package bench;

import static bench.Bench.closeAll;
import static bench.Bench.deleteLogs;
import static bench.Bench.log;
import static bench.Bench.parallel;
import static bench.Bench.pgbench;
import static bench.Bench.pgbenchLatency;
import static bench.Bench.tps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Ingest: closed-loop STOMP senders into many CHAT groups (stored messages/s, send-to-ack latency),
 * against pgbench inserting the same row shape, in alternating rounds.
 */
final class IngestScenario {

	private final Bench b;

	IngestScenario(Bench b) {
		this.b = b;
	}

	void run() throws Exception {
		int groups = b.quick ? 200 : 1000;
		int wanted = b.quick ? 32 : 64;
		// pgbench needs one PostgreSQL connection per client, and the machine's PostgreSQL is shared:
		// cap the concurrency (the same for both sides) by the connections free right now.
		long free = b.freeConnections();
		int senders = (int) Math.max(8, Math.min(wanted, free - 20));
		if (senders < wanted) {
			b.report.note("Ingest concurrency " + senders + " instead of " + wanted + ": only " + free + " PostgreSQL connections were free.");
		}
		int seconds = b.quick ? 5 : 20;
		log("ingest: creating " + groups + " CHAT groups of 10 members over REST");
		long s0 = System.nanoTime();
		List<String> gids = createGroups(b, b.base, "ing", groups, senders);
		if (b.pushGateway != null) {
			// notifications on: every member but the sender is offline and has a phone, so each
			// message is one outbox row in the send transaction and 9 deliveries for the workers
			registerDevices(b, b.base, "ing", groups);
			b.report.note("Ingest with notifications ON (BENCH_PUSH=1): the peer stands in for a Matrix push gateway; "
					+ "each of the 9 other members of every group is offline with one GATEWAY device.");
		}
		b.psql("create table if not exists bench_peer_message (like message including defaults including constraints including indexes);"
				+ "create sequence if not exists bench_peer_seq;");
		log(String.format("  setup took %.1f s", (System.nanoTime() - s0) / 1e9));
		String pgFile = b.out.resolve("raw/ingest.sql").toAbsolutePath().toString();
		Files.writeString(Path.of(pgFile), """
				\\set g random(1, 1000)
				insert into bench_peer_message (id, group_id, seq, sender_id, client_msg_id, type, text, mentions, created_at)
				values (gen_random_uuid(), ('00000000-0000-0000-0000-' || lpad(:g::text, 12, '0'))::uuid, nextval('bench_peer_seq'),
				        'ing-s' || :client_id, gen_random_uuid()::text, 'TEXT', 'ingest message with an ordinary length of text in it', '{}', now());
				""");
		for (int r = 1; r <= b.rounds; r++) {
			ingestService(b.wsUrl, b.servicePid, b.db, "ingest", "groupchat", gids, senders, seconds, r, "ing-r" + r, "ing-s");
			ingestPgbench(pgFile, senders, seconds, r);
		}
		openLoop(gids, senders, pgFile);
		if (b.pushGateway != null) {
			String pushed = Util.call(b.pushGateway, "GET", "/push-count", null, null).body().strip();
			long outbox = b.count("select count(*) from notification_outbox");
			long deliveries = b.count("select count(*) from push_delivery where status = 'QUEUED'");
			String msg = String.format("Notifications at the end of ingest: %s pushes answered by the gateway, %,d messages not yet expanded, %,d deliveries queued.",
					pushed, outbox, deliveries);
			log(msg);
			b.report.note(msg);
		}
		b.report.ingestDone(b, groups, senders, seconds);
	}

	/**
	 * Creates {@code groups} CHAT groups over REST: group g is owned by {@code prefix-s(g % senders)}
	 * with members {@code prefix-g<g>-m1..9}; answers their ids in order.
	 */
	static List<String> createGroups(Bench b, String base, String prefix, int groups, int senders) throws Exception {
		List<String> gids = new java.util.concurrent.CopyOnWriteArrayList<>(new String[groups]);
		parallel(groups, 16, g -> {
			StringBuilder members = new StringBuilder();
			for (int m = 1; m <= 9; m++) members.append(m > 1 ? "," : "").append('"').append(prefix).append("-g").append(g).append("-m").append(m).append('"');
			String body = "{\"name\":\"" + prefix + " " + g + "\",\"kind\":\"CHAT\",\"memberIds\":[" + members + "]}";
			gids.set(g, Util.field(Util.expect(Util.call(base, "POST", "/api/v1/groups", b.tok(prefix + "-s" + (g % senders)), body), 201), "id"));
		});
		return gids;
	}

	/** One GATEWAY device for each of the 9 members of every group of {@link #createGroups}. */
	static void registerDevices(Bench b, String base, String prefix, int groups) throws Exception {
		parallel(groups * 9, 16, i -> {
			String member = prefix + "-g" + (i / 9) + "-m" + (i % 9 + 1);
			Util.expect(Util.call(base, "PUT", "/api/v1/me/devices/phone", b.tok(member),
					"{\"platform\":\"GATEWAY\",\"token\":\"pk-" + member + "\"}"), 200, 201);
		});
	}

	/**
	 * One closed-loop round against the node at {@code ws} (process {@code pid}), recorded under
	 * {@code key}/{@code side} (a null key: a warm-up, not recorded); the senders are
	 * {@code senderPrefix + i}, their clientMsgIds start with {@code idTag} (unique per round).
	 */
	double ingestService(String ws, long pid, String database, String key, String side, List<String> gids, int senders, int seconds, int round, String idTag,
			String senderPrefix) {
		Bench.Probe probe = b.probe(pid);
		Recorder rec = new Recorder(3);
		LongAdder ok = new LongAdder(), err = new LongAdder();
		AtomicLong lastAck = new AtomicLong();
		List<String> tokens = new ArrayList<>();
		for (int s = 0; s < senders; s++) tokens.add(b.tok(senderPrefix + s));
		long[] sentAt = new long[senders];
		int[] counter = new int[senders];
		List<Conn> conns = new ArrayList<>();
		long deadline[] = { Long.MAX_VALUE };
		String firstError[] = { null };
		List<Conn> opened = b.connectMany(ws, true, tokens, senders, "/user/queue/acks", c -> {
		}, 64);
		conns.addAll(opened);
		long before = b.count(database, "select count(*) from message");
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
				if (now < deadline[0]) sendIngest(c, me, senders, gids, sentAt, counter, idTag);
			};
		}
		long start = System.nanoTime();
		deadline[0] = start + seconds * 1_000_000_000L;
		for (int s = 0; s < senders; s++) sendIngest(conns.get(s), s, senders, gids, sentAt, counter, idTag);
		Util.sleep(seconds * 1000L);
		long waitEnd = System.nanoTime() + 10_000_000_000L;
		long total;
		while ((total = ok.sum() + err.sum()) < Arrays.stream(counter).sum() && System.nanoTime() < waitEnd) Util.sleep(10);
		double wall = (Math.max(lastAck.get(), deadline[0]) - start) / 1e9;
		long stored = b.count(database, "select count(*) from message") - before;
		int lost = closeAll(conns);
		Histogram h = rec.getIntervalHistogram();
		Report.Load load = probe.done(key == null ? "warm-up" : key, side, round);
		log(String.format("%s %s round %d: %d stored in %.1f s = %.0f msg/s; acks ok=%d err=%d; p50 %.2f p99 %.2f ms; closed=%d; cpu svc %.0f%% harness %.0f%%%s",
				key == null ? "warm-up" : key, side, round, stored, wall, stored / wall, ok.sum(), err.sum(), h.getValueAtPercentile(50) / 1000.0,
				h.getValueAtPercentile(99) / 1000.0, lost, load.serviceCpu(), load.harnessCpu(),
				firstError[0] == null ? "" : " first error: " + firstError[0]));
		if (key != null) b.report.ingestRound(key, side, round, stored / wall, h, err.sum(), load);
		Util.sleep(1000);
		return stored / wall;
	}

	private void sendIngest(Conn c, int s, int senders, List<String> gids, long[] sentAt, int[] counter, String idTag) {
		int k = counter[s]++;
		int groupIndex = s + senders * (k % (gids.size() / senders));
		sentAt[s] = System.nanoTime();
		c.sendStomp("/app/group." + gids.get(groupIndex) + ".send", "{\"clientMsgId\":\"" + idTag + "-" + k
				+ "\",\"type\":\"TEXT\",\"text\":\"ingest message with an ordinary length of text in it\"}");
	}

	void ingestPgbench(String file, int clients, int seconds, int round) {
		Bench.Probe probe = b.probe();
		String prefix = b.out.resolve("raw/pgbench-ingest-r" + round).toAbsolutePath().toString();
		deleteLogs(prefix);
		String o = pgbench(seconds + 60, Util.list("pgbench", "-h", b.pgHost, "-U", b.pgUser, "-n", "-c", "" + clients, "-j", "2",
				"-T", "" + seconds, "-M", "prepared", "-f", file, "--log", "--log-prefix=" + prefix, b.db));
		double tps = tps(o);
		Histogram h = pgbenchLatency(prefix);
		Report.Load load = probe.done("ingest", "pgbench", round);
		log(String.format("ingest pgbench round %d: %.0f inserts/s; p50 %.2f p99 %.2f ms", round, tps,
				h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0));
		b.report.ingestRound("ingest", "pgbench", round, tps, h, 0, load);
	}

	// ---- open loop ----

	private static final java.util.regex.Pattern OPEN_ID = java.util.regex.Pattern.compile("\"clientMsgId\":\"ol(\\d+)-(\\d+)\"");

	/**
	 * Open loop: sends at a fixed offered rate regardless of the acks (latency from the time each
	 * send was due, so a stall counts in full), in steps of rising rate, until p99 send-to-ack
	 * passes 50 ms or acks fall behind; beside pgbench's best closed-loop INSERT rate at any of
	 * four concurrencies.
	 */
	void openLoop(List<String> gids, int senders, String pgFile) {
		double stepSeconds = b.quick ? 3 : 5;
		double[] rates = b.quick ? new double[] { 500, 1000, 2000, 3000, 4000 } : new double[] { 500, 700, 1000, 1400, 2000, 2800, 4000, 5600 };
		List<String> tokens = new ArrayList<>();
		for (int s = 0; s < senders; s++) tokens.add(b.tok("ing-s" + s));
		Recorder[] recorders = new Recorder[rates.length];
		LongAdder[] acked = new LongAdder[rates.length], failed = new LongAdder[rates.length];
		for (int k = 0; k < rates.length; k++) {
			recorders[k] = new Recorder(3);
			acked[k] = new LongAdder();
			failed[k] = new LongAdder();
		}
		List<Conn> conns = b.connectMany(b.wsUrl, true, tokens, senders, "/user/queue/acks", c -> c.onAck = body -> {
			long now = System.nanoTime();
			java.util.regex.Matcher m = OPEN_ID.matcher(body);
			if (!m.find()) return;
			int step = Integer.parseInt(m.group(1));
			recorders[step].recordValue(Math.max(1, (now - Long.parseLong(m.group(2))) / 1000));
			(body.contains("\"status\":\"OK\"") ? acked[step] : failed[step]).increment();
		}, 64);
		Report.OpenStep best = null;
		List<Report.OpenStep> steps = new ArrayList<>();
		int[] counter = new int[senders];
		long before = b.count("select count(*) from message");
		for (int k = 0; k < rates.length; k++) {
			long interval = (long) (1e9 / rates[k]);
			long start = System.nanoTime();
			long end = start + (long) (stepSeconds * 1e9);
			long sent = 0;
			for (long due = start; due < end; due += interval, sent++) {
				long wait = due - System.nanoTime();
				if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
				int s = (int) (sent % senders);
				int n = counter[s]++;
				int groupIndex = s + senders * (n % (gids.size() / senders));
				conns.get(s).sendStomp("/app/group." + gids.get(groupIndex) + ".send", "{\"clientMsgId\":\"ol" + k + "-" + due
						+ "\",\"type\":\"TEXT\",\"text\":\"ingest message with an ordinary length of text in it\"}");
			}
			long waitEnd = System.nanoTime() + 10_000_000_000L;
			while (acked[k].sum() + failed[k].sum() < sent && System.nanoTime() < waitEnd) Util.sleep(10);
			Histogram h = recorders[k].getIntervalHistogram();
			long answered = acked[k].sum() + failed[k].sum();
			boolean ok = answered >= sent && failed[k].sum() == 0 && h.getValueAtPercentile(99) < 50_000;
			Report.OpenStep st = new Report.OpenStep(rates[k], sent / stepSeconds, acked[k].sum(), failed[k].sum(), sent - answered,
					h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, ok);
			steps.add(st);
			log(String.format("ingest open loop %.0f msg/s offered: %d sent, %d ok, %d refused, %d unanswered; p50 %.2f p99 %.2f ms%s", rates[k],
					sent, acked[k].sum(), failed[k].sum(), sent - answered, st.p50(), st.p99(), ok ? "" : " -> stop"));
			if (!ok) break;
			best = st;
			Util.sleep(1000);
		}
		long stored = b.count("select count(*) from message") - before;
		closeAll(conns);
		Util.sleep(1000);
		// pgbench's best single-row INSERT rate, closed loop, at any of these concurrencies
		double pgBest = 0;
		int pgBestClients = 0;
		List<String> pgRates = new ArrayList<>();
		for (int clients : new int[] { 1, 4, 16, senders }) {
			String o = pgbench((long) stepSeconds + 60, Util.list("pgbench", "-h", b.pgHost, "-U", b.pgUser, "-n", "-c", "" + clients, "-j",
					"" + Math.min(2, clients), "-T", "" + (int) stepSeconds, "-M", "prepared", "-f", pgFile, b.db));
			double t = tps(o);
			pgRates.add(String.format(java.util.Locale.ROOT, "c=%d %.0f/s", clients, t));
			if (t > pgBest) {
				pgBest = t;
				pgBestClients = clients;
			}
		}
		log("ingest open loop: best " + (best == null ? "none" : String.format("%.0f msg/s", best.offered())) + "; pgbench " + pgRates
				+ "; messages stored " + stored);
		b.report.ingestOpenLoop(steps, best, pgBest, pgBestClients, String.join(", ", pgRates), senders);
	}

}
