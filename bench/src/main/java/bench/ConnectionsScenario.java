package bench;

import static bench.Bench.closeAll;
import static bench.Bench.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Connections: a ramp of idle authenticated sessions, with the service's heap after GC and RSS at each
 * step; measures the heap per session that fan-out uses to skip sizes that cannot fit.
 */
final class ConnectionsScenario {

	private final Bench b;

	ConnectionsScenario(Bench b) {
		this.b = b;
	}

	void run() throws Exception {
		List<Integer> levels = new ArrayList<>(b.quick ? List.of(500, 1000, 2000) : List.of(1000, 3000, 10_000, 20_000));
		levels.replaceAll(l -> Math.min(l, b.maxSessions));
		int top = levels.getLast();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < top; i++) tokens.add(b.tok("cx-" + i));
		Bench.Probe probe = b.probe();
		long heap0 = b.heapAfterGc(), rss0 = Util.rssKb(b.servicePid);
		b.report.connectionsBaseline(heap0, rss0, levels, b.maxSessions);
		if (b.maxSessions < 20_000) {
			b.report.note("RLIMIT_NOFILE (hard) on this machine is " + (b.maxSessions + 400) + ": each process can hold at most about "
					+ b.maxSessions + " sockets, so the top step is " + levels.getLast() + " sessions, not 20,000.");
		}
		log(String.format("connections: baseline heap after GC %d KiB, RSS %d KiB", heap0, rss0));
		List<Conn> all = new ArrayList<>();
		for (int level : levels) {
			int add = level - all.size();
			if (add <= 0) continue;
			if (b.heapPerSessionKb > 0 && b.heapMaxKb > 0) {
				long usedNow = b.heapAfterGc();
				double projected = usedNow + add * b.heapPerSessionKb * 1.05;
				if (projected > 0.9 * b.heapMaxKb) {
					String msg = String.format("connections: stopped before %,d sessions: projected heap %.0f MiB > 90%% of the service's max heap %.0f MiB (%.0f KB per session)",
							level, projected / 1024, b.heapMaxKb / 1024.0, b.heapPerSessionKb * 1.024);
					log(msg);
					b.report.note(msg);
					break;
				}
			}
			long c0 = System.nanoTime();
			List<Conn> more = b.connectMany(b.wsUrl, true, tokens.subList(all.size(), level), add, "/user/queue/events", c -> {
			}, 200);
			double secs = (System.nanoTime() - c0) / 1e9;
			all.addAll(more);
			Util.sleep(2000);
			long open = all.stream().filter(Conn::isOpen).count();
			long heap = b.heapAfterGc(), rss = Util.rssKb(b.servicePid);
			double heapPer = (heap - heap0) * 1024.0 / open, rssPer = (rss - rss0) * 1024.0 / open;
			log(String.format("  %d sessions (%d open): +%d in %.1f s = %.0f/s; heap after GC %d KiB (%.1f KB/session), RSS %d KiB (%.1f KB/session)",
					level, open, more.size(), secs, more.size() / secs, heap, heapPer / 1000, rss, rssPer / 1000));
			b.report.connectionsLevel(level, (int) open, more.size() / secs, heap, rss, heapPer, rssPer);
			if (System.getenv("BENCH_CONNECTIONS_HISTOGRAM") != null && level == levels.getLast()) {
				// what the sessions hold: live classes after a full GC, for the memory target
				java.nio.file.Files.writeString(b.out.resolve("raw/connections-histogram.txt"),
						Util.run(120, Util.list(Bench.jdkTool("jcmd"), "" + b.servicePid, "GC.class_histogram")));
			}
			b.heapPerSessionKb = heapPer / 1024;
		}
		int lost = closeAll(all);
		b.report.connectionsDone(b, lost, probe.done("connections", "groupchat", 1));
	}

}
