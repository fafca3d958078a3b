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
		long free = b.count("select current_setting('max_connections')::int - count(*) from pg_stat_activity");
		int senders = (int) Math.max(8, Math.min(wanted, free - 20));
		if (senders < wanted) {
			b.report.note("Ingest concurrency " + senders + " instead of " + wanted + ": only " + free + " PostgreSQL connections were free.");
		}
		int seconds = b.quick ? 5 : 20;
		log("ingest: creating " + groups + " CHAT groups of 10 members over REST");
		long s0 = System.nanoTime();
		List<String> gids = new java.util.concurrent.CopyOnWriteArrayList<>(new String[groups]);
		parallel(groups, 16, g -> {
			StringBuilder members = new StringBuilder();
			for (int m = 1; m <= 9; m++) members.append(m > 1 ? "," : "").append("\"ing-g").append(g).append("-m").append(m).append('"');
			String body = "{\"name\":\"ingest " + g + "\",\"kind\":\"CHAT\",\"memberIds\":[" + members + "]}";
			gids.set(g, Util.field(Util.expect(Util.call(b.base, "POST", "/api/v1/groups", b.tok("ing-s" + (g % senders)), body), 201), "id"));
		});
		if (b.pushGateway != null) {
			// notifications on: every member but the sender is offline and has a phone, so each
			// message is one outbox row in the send transaction and 9 deliveries for the workers
			parallel(groups * 9, 16, i -> {
				String member = "ing-g" + (i / 9) + "-m" + (i % 9 + 1);
				Util.expect(Util.call(b.base, "PUT", "/api/v1/me/devices/phone", b.tok(member),
						"{\"platform\":\"GATEWAY\",\"token\":\"pk-" + member + "\"}"), 200, 201);
			});
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
			ingestService(gids, senders, seconds, r);
			ingestPgbench(pgFile, senders, seconds, r);
		}
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

	void ingestService(List<String> gids, int senders, int seconds, int round) {
		Bench.Probe probe = b.probe();
		Recorder rec = new Recorder(3);
		LongAdder ok = new LongAdder(), err = new LongAdder();
		AtomicLong lastAck = new AtomicLong();
		List<String> tokens = new ArrayList<>();
		for (int s = 0; s < senders; s++) tokens.add(b.tok("ing-s" + s));
		long[] sentAt = new long[senders];
		int[] counter = new int[senders];
		List<Conn> conns = new ArrayList<>();
		long deadline[] = { Long.MAX_VALUE };
		String firstError[] = { null };
		List<Conn> opened = b.connectMany(b.wsUrl, true, tokens, senders, "/user/queue/acks", c -> {
		}, 64);
		conns.addAll(opened);
		long before = b.count("select count(*) from message");
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
		long stored = b.count("select count(*) from message") - before;
		int lost = closeAll(conns);
		Histogram h = rec.getIntervalHistogram();
		Report.Load load = probe.done("ingest", "groupchat", round);
		log(String.format("ingest groupchat round %d: %d stored in %.1f s = %.0f msg/s; acks ok=%d err=%d; p50 %.2f p99 %.2f ms; closed=%d; cpu svc %.0f%% harness %.0f%%%s",
				round, stored, wall, stored / wall, ok.sum(), err.sum(), h.getValueAtPercentile(50) / 1000.0,
				h.getValueAtPercentile(99) / 1000.0, lost, load.serviceCpu(), load.harnessCpu(),
				firstError[0] == null ? "" : " first error: " + firstError[0]));
		b.report.ingestRound("groupchat", round, stored / wall, h, err.sum(), load);
		Util.sleep(1000);
	}

	private void sendIngest(Conn c, int s, int senders, List<String> gids, long[] sentAt, int[] counter, int round) {
		int k = counter[s]++;
		int groupIndex = s + senders * (k % (gids.size() / senders));
		sentAt[s] = System.nanoTime();
		c.sendStomp("/app/group." + gids.get(groupIndex) + ".send", "{\"clientMsgId\":\"ing-r" + round + "-" + k
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
		b.report.ingestRound("pgbench", round, tps, h, 0, load);
	}

}
