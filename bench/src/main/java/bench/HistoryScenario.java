package bench;

import static bench.Bench.deleteLogs;
import static bench.Bench.log;
import static bench.Bench.pgbench;
import static bench.Bench.pgbenchLatency;
import static bench.Bench.tps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * History: a group seeded with SQL, random keyset pages over REST with 1 and 8 keep-alive connections ({@link
 * KeepAliveHttp}), against
 * pgbench running the service's keyset SQL, in alternating rounds.
 */
final class HistoryScenario {

	private final Bench b;

	HistoryScenario(Bench b) {
		this.b = b;
	}

	void run() throws Exception {
		int rows = b.quick ? 100_000 : 1_000_000;
		int seconds = b.quick ? 3 : 15;
		String owner = "hist-owner";
		String token = b.tok(owner);
		String gid = Util.field(Util.expect(Util.call(b.base, "POST", "/api/v1/groups", token,
				"{\"name\":\"history\",\"kind\":\"CHAT\"}"), 201), "id");
		log("history: inserting " + rows + " messages with SQL");
		long s0 = System.nanoTime();
		b.psql("insert into message (id, group_id, seq, sender_id, client_msg_id, type, text, mentions, reactions, created_at)"
				+ " select gen_random_uuid(), '" + gid + "', s, '" + owner + "', 'h' || s, 'TEXT',"
				+ " 'history message ' || s || ' with an ordinary length of text in it', '{}', '{}',"
				+ " now() - (" + rows + " - s) * interval '1 second' from generate_series(1, " + rows + ") s;"
				+ "update chat_group set last_seq = " + rows + " where id = '" + gid + "';"
				// outside search (bench/search measures it): else the service's indexer
				// would work through a backlog of a million messages during the rounds,
				// which only a backfill after an upgrade does
				+ "insert into message_search_progress (group_id, indexed_seq) values ('" + gid + "', " + rows + ");"
				+ "");
		b.psql("vacuum analyze message");
		log(String.format("  seeded in %.1f s", (System.nanoTime() - s0) / 1e9));
		String file = b.out.resolve("raw/history.sql").toAbsolutePath().toString();
		Files.writeString(Path.of(file), "\\set b random(51, " + rows + ")\n"
				+ "select id, group_id, seq, sender_id, client_msg_id, type, text, video_id, video_cover_url, media_url,"
				+ " reply_to_seq, mentions, reactions::text as reactions, created_at, edited_at, deleted_at,"
				+ " system::text as system, shadow, poll::text as poll, shadow_reactions::text as shadow_reactions from message"
				+ " where group_id = '" + gid + "' and seq > 0 and seq < :b order by seq desc limit 51;\n");
		// warm-up, not measured
		historyService(gid, token, rows, 2, b.quick ? 2 : 5, 0);
		for (int c : List.of(1, 8)) {
			for (int r = 1; r <= b.rounds; r++) {
				historyService(gid, token, rows, c, seconds, r);
				historyPgbench(file, c, seconds, r);
			}
		}
		b.report.historyDone(b, rows, seconds);
	}

	void historyService(String gid, String token, int rows, int conns, int seconds, int round) throws Exception {
		Bench.Probe probe = b.probe();
		Recorder rec = new Recorder(3);
		LongAdder okCount = new LongAdder(), bad = new LongAdder();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		long start = System.nanoTime();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < conns; t++) {
			threads.add(Thread.ofPlatform().start(() -> {
				try (KeepAliveHttp http = new KeepAliveHttp(b.base)) {
					while (System.nanoTime() < end) {
						long beforeSeq = ThreadLocalRandom.current().nextLong(51, rows + 1);
						long t0 = System.nanoTime();
						try {
							int status = http.get("/api/v1/groups/" + gid + "/messages?beforeSeq=" + beforeSeq + "&limit=50", token);
							rec.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
							if (status == 200) okCount.increment(); else bad.increment();
						}
						catch (Exception ex) {
							bad.increment();
						}
					}
				}
			}));
		}
		for (Thread t : threads) t.join(seconds * 1000L + 30_000);
		double wall = (System.nanoTime() - start) / 1e9;
		Histogram h = rec.getIntervalHistogram();
		Report.Load load = probe.done("history-c" + conns, "groupchat", round);
		if (round == 0) return;
		log(String.format("history groupchat c=%d round %d: %.0f req/s, p50 %.2f p99 %.2f ms, errors %d; cpu svc %.0f%% harness %.0f%%", conns, round,
				okCount.sum() / wall, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, bad.sum(),
				load.serviceCpu(), load.harnessCpu()));
		b.report.historyRound(conns, "groupchat", round, okCount.sum() / wall, h, bad.sum(), load);
	}

	void historyPgbench(String file, int conns, int seconds, int round) {
		Bench.Probe probe = b.probe();
		String prefix = b.out.resolve("raw/pgbench-history-c" + conns + "-r" + round).toAbsolutePath().toString();
		deleteLogs(prefix);
		String o = pgbench(seconds + 60, Util.list("pgbench", "-h", b.pgHost, "-U", b.pgUser, "-n", "-c", "" + conns, "-j",
				"" + Math.min(conns, 2), "-T", "" + seconds, "-M", "prepared", "-f", file, "--log", "--log-prefix=" + prefix, b.db));
		double tps = tps(o);
		Histogram h = pgbenchLatency(prefix);
		Report.Load load = probe.done("history-c" + conns, "pgbench", round);
		log(String.format("history pgbench c=%d round %d: %.0f q/s, p50 %.2f p99 %.2f ms", conns, round, tps,
				h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0));
		b.report.historyRound(conns, "pgbench", round, tps, h, 0, load);
	}

}
