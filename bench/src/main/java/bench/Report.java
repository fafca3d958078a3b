package bench;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Collects the rounds and writes bench/results/REPORT.md with PNG charts. */
final class Report {

	record Load(String scenario, String side, int round, String loadStart, String loadEnd, double wallSeconds,
			double serviceCpu, double peerCpu, double harnessCpu) {
	}

	record RoundData(String side, int round, Histogram latency, double throughput, String extra, Load load) {
	}

	record Row(String scenario, String metric, String groupchat, String peer, String ratio, String target, String met) {
	}

	private final Map<String, List<RoundData>> data = new LinkedHashMap<>();
	private final List<Row> rows = new ArrayList<>();
	private final List<Load> loads = new ArrayList<>();
	private final List<String> notes = new ArrayList<>();
	private final List<String> charts = new ArrayList<>();
	private final List<String> connectionLines = new ArrayList<>();
	private Map<String, String> facts;
	private String loadBefore;
	private Instant started;

	void begin(Bench b) {
		started = Instant.now();
		loadBefore = Util.loadavg();
		facts = b.facts();
	}

	void note(String s) {
		notes.add(s);
	}

	private void add(String key, RoundData d) {
		data.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
		loads.add(d.load());
	}

	private List<RoundData> side(String key, String side) {
		return data.getOrDefault(key, List.of()).stream().filter(d -> d.side().equals(side)).toList();
	}

	static double median(List<Double> v) {
		if (v.isEmpty()) return Double.NaN;
		List<Double> s = v.stream().sorted().toList();
		int n = s.size();
		return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
	}

	/** Median of f per side, and the median of the per-round ratios A_i / B_i (rounds paired in order). */
	double[] compare(String key, String a, String b, ToDoubleFunction<RoundData> f) {
		List<RoundData> as = side(key, a), bs = side(key, b);
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(as.size(), bs.size()); i++) ratios.add(f.applyAsDouble(as.get(i)) / f.applyAsDouble(bs.get(i)));
		return new double[] { median(as.stream().map(f::applyAsDouble).toList()), median(bs.stream().map(f::applyAsDouble).toList()),
				median(ratios) };
	}

	static ToDoubleFunction<RoundData> pct(double p) {
		return d -> d.latency().getValueAtPercentile(p) / 1000.0;
	}

	static String f(double v) {
		if (Double.isNaN(v)) return "–";
		if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%,.0f", v);
		if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f", v);
		return String.format(Locale.ROOT, "%.2f", v);
	}

	private void row(String scenario, String metric, double[] c, String target, Boolean met) {
		rows.add(new Row(scenario, metric, f(c[0]), f(c[1]), f(c[2]) + "×", target, met == null ? "" : met ? "✅ met" : "❌ missed"));
	}

	// ---- fan-out ----

	void fanoutRound(int n, String side, int round, Histogram fixed, double deliveredFraction, double fixedRate, double sustained,
			String steps, long ackErrors, int closedByServer, double connectSeconds, Load load) {
		add("fanout-" + n, new RoundData(side, round, fixed, sustained, String.format(Locale.ROOT,
				"delivered %.2f%% at fixed load (%.0f/s), ramp %s, ack errors %d, sessions closed by server %d, connect %.1f s",
				deliveredFraction * 100, fixedRate, steps, ackErrors, closedByServer, connectSeconds), load));
	}

	/** Per "fanout-N/side", one figure per round: process CPU seconds over the fixed load ÷ deliveries, in µs. */
	private final Map<String, List<Double>> cpuPerDelivery = new LinkedHashMap<>();

	void fanoutCpu(int n, String side, double micros) {
		cpuPerDelivery.computeIfAbsent("fanout-" + n + "/" + side, k -> new ArrayList<>()).add(micros);
	}

	private final java.util.Set<Integer> skipped = new java.util.HashSet<>();

	void fanoutSkipped(int n, String why) {
		skipped.add(n);
		String sc = "Fan-out N=" + String.format(Locale.ROOT, "%,d", n);
		rows.add(new Row(sc, "all metrics", "not run", "", "", n >= 1000 ? "p99 ≤ 1.5× peer, deliveries/s ≥ 1.0× peer" : "",
				"❌ missed (cannot hold " + String.format(Locale.ROOT, "%,d", n) + " sessions in the heap)"));
	}

	void fanoutDone(Bench b) throws Exception {
		for (int n : b.fanoutSizes) {
			if (skipped.contains(n)) continue;
			String key = "fanout-" + n;
			String sc = "Fan-out N=" + String.format(Locale.ROOT, "%,d", n) + " (" + FanoutScenario.fixedRate(n) + " msg/s = "
					+ String.format(Locale.ROOT, "%,d", FanoutScenario.fixedRate(n) * n) + " deliveries/s offered)";
			row(sc, "delivery latency p50 (ms)", compare(key, "groupchat", "peer", pct(50)), "", null);
			double[] p99 = compare(key, "groupchat", "peer", pct(99));
			boolean p99Target = n >= 1000;
			row(sc, "delivery latency p99 (ms)", p99, p99Target ? "≤ 1.5× peer" : "", p99Target ? p99[2] <= 1.5 : null);
			row(sc, "delivery latency p99.9 (ms)", compare(key, "groupchat", "peer", pct(99.9)), "", null);
			double[] tp = compare(key, "groupchat", "peer", RoundData::throughput);
			boolean tpTarget = n >= 1000;
			row(sc, "highest sustained deliveries/s", tp, tpTarget ? "≥ 1.0× peer" : "", tpTarget ? tp[2] >= 1.0 : null);
			List<Double> mine = cpuPerDelivery.getOrDefault(key + "/groupchat", List.of());
			List<Double> theirs = cpuPerDelivery.getOrDefault(key + "/peer", List.of());
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) ratios.add(mine.get(i) / theirs.get(i));
			row(sc, "CPU time per delivery at the fixed load (µs, from /proc)", new double[] { median(mine), median(theirs), median(ratios) },
					"", null);
			latencyChart(b.out, "fanout-" + n + "-latency.png", "Fan-out N=" + n + ": per-delivery latency at fixed load",
					Map.of("groupchat", merged(key, "groupchat"), "bare ws peer", merged(key, "peer")));
		}
		CategoryChart c = new CategoryChartBuilder().width(900).height(500).title("Fan-out: highest sustained deliveries/s (median of rounds)")
			.xAxisTitle("subscribed members N").yAxisTitle("deliveries/s").build();
		List<Integer> ran = b.fanoutSizes.stream().filter(n -> !skipped.contains(n)).toList();
		if (ran.isEmpty()) return;
		List<String> xs = ran.stream().map(n -> "N=" + n).toList();
		for (String side : List.of("groupchat", "peer")) {
			c.addSeries(side.equals("peer") ? "bare ws peer" : side, xs, ran.stream()
				.map(n -> med("fanout-" + n, side)).toList());
		}
		save(b.out, "fanout-throughput.png", c);
	}

	// ---- ingest ----

	void ingestRound(String key, String side, int round, double rate, Histogram h, long errors, Load load) {
		add(key, new RoundData(side, round, h, rate, "errors " + errors, load));
	}

	/** One step of the open-loop ingest: offered and sent rate, acks, latency from the due time. */
	record OpenStep(double offered, double sentRate, long ok, long refused, long unanswered, double p50, double p99, boolean passed) {
	}

	private final List<String> openLoopLines = new ArrayList<>();

	void ingestOpenLoop(List<OpenStep> steps, OpenStep best, double pgBest, int pgBestClients, String pgRates, int senders) {
		String sc = "Ingest, open loop (" + senders + " sender connections, rising offered rate, latency from each send's due time)";
		double mine = best == null ? 0 : best.offered();
		rows.add(new Row(sc, "highest offered msg/s with every send acked OK and p99 < 50 ms (peer: best single-row INSERT/s at c = 1, 4, 16, "
				+ senders + ")", f(mine), f(pgBest), f(mine / pgBest) + "×", "≥ 2× pgbench's best", mine / pgBest >= 2 ? "✅ met" : "❌ missed"));
		openLoopLines.add("| offered msg/s | sent msg/s | acked OK | refused | unanswered | p50 ms | p99 ms | passed |");
		openLoopLines.add("|---:|---:|---:|---:|---:|---:|---:|---|");
		for (OpenStep st : steps) {
			openLoopLines.add(String.format(Locale.ROOT, "| %,.0f | %,.0f | %,d | %,d | %,d | %s | %s | %s |", st.offered(), st.sentRate(), st.ok(),
					st.refused(), st.unanswered(), f(st.p50()), f(st.p99()), st.passed() ? "yes" : "no"));
		}
		openLoopLines.add("");
		openLoopLines.add("pgbench single-row INSERT, closed loop: " + pgRates + " (best at c=" + pgBestClients + ").");
	}

	// ---- two nodes over RabbitMQ ----

	void clusterRound(int n, String side, int round, Histogram h, double rate, String extra, Load load) {
		add("cluster-" + n, new RoundData(side, round, h, rate, extra, load));
	}

	void clusterDone(int n, int rate, int seconds) {
		String key = "cluster-" + n;
		String sc = "Fan-out across two nodes over RabbitMQ, N=" + String.format(Locale.ROOT, "%,d", n) + " (" + rate + " msg/s, " + seconds
				+ " s; \"peer\" column: the same cluster with every subscriber on node A)";
		row(sc, "delivery latency p50 (ms), subscribers split over both nodes", compare(key, "two nodes", "one node", pct(50)), "", null);
		double[] p99 = compare(key, "two nodes", "one node", pct(99));
		row(sc, "delivery latency p99 (ms), subscribers split over both nodes", p99, "≤ 1.3× one node", p99[2] <= 1.3);
		row(sc, "delivery latency p99.9 (ms), subscribers split over both nodes", compare(key, "two nodes", "one node", pct(99.9)), "", null);
		List<RoundData> local = side("fanout-" + n, "groupchat");
		if (!local.isEmpty()) {
			double l99 = median(local.stream().map(d -> pct(99).applyAsDouble(d)).toList());
			double two = p99[0];
			rows.add(new Row(sc, "p99 split over two nodes beside one node on the local bus (fan-out scenario, same N and rate)", f(two), f(l99),
					f(two / l99) + "×", "", ""));
		}
	}

	// ---- send-path features on and off ----

	void featuresDone(List<String> variants, int groups, int senders, int seconds) {
		String sc = "Send-path features (ingest load: " + String.format(Locale.ROOT, "%,d", groups) + " groups × 10 members, " + senders
				+ " senders, " + seconds + " s; \"peer\" column: the same node with every feature off)";
		for (String v : variants.subList(1, variants.size())) {
			String on = v.equals("all on") ? v : v + " on";
			double[] tp = compare("features", v, variants.getFirst(), RoundData::throughput);
			row(sc, on + ": stored messages/s", tp, "", null);
			double[] p99 = compare("features", v, variants.getFirst(), pct(99));
			row(sc, on + ": send-to-ack p99 (ms)", p99, v.equals("notifications") ? "≤ 1.1× off" : "no regression",
					v.equals("notifications") ? p99[2] <= 1.1 : null);
		}
	}

	void ingestDone(Bench b, int groups, int senders, int seconds) throws Exception {
		String sc = "Ingest (" + String.format(Locale.ROOT, "%,d", groups) + " groups × 10 members, " + senders + " concurrent senders, " + seconds + " s)";
		double[] tp = compare("ingest", "groupchat", "pgbench", RoundData::throughput);
		row(sc, "stored messages/s (peer: single-row INSERT/s)", tp, "≥ 2× pgbench", tp[2] >= 2);
		double[] p99 = compare("ingest", "groupchat", "pgbench", pct(99));
		row(sc, "send-to-ack p99 (ms) (peer: INSERT p99)", p99, "≤ 50 ms", p99[0] <= 50);
		row(sc, "send-to-ack p50 (ms)", compare("ingest", "groupchat", "pgbench", pct(50)), "", null);
		latencyChart(b.out, "ingest-latency.png", "Ingest: send-to-ack (groupchat) vs INSERT latency (pgbench)",
				Map.of("groupchat", merged("ingest", "groupchat"), "pgbench INSERT", merged("ingest", "pgbench")));
	}

	// ---- history ----

	void historyRound(int conns, String side, int round, double rate, Histogram h, long errors, Load load) {
		add("history-c" + conns, new RoundData(side, round, h, rate, "errors " + errors, load));
	}

	void historyDone(Bench b, int rowsSeeded, int seconds) throws Exception {
		Map<String, Histogram> series = new LinkedHashMap<>();
		for (int c : List.of(1, 8)) {
			String key = "history-c" + c;
			String sc = "History (" + String.format(Locale.ROOT, "%,d", rowsSeeded) + " messages, pages of 50, " + c + " connection"
					+ (c > 1 ? "s" : "") + ", " + seconds + " s)";
			double[] tp = compare(key, "groupchat", "pgbench", RoundData::throughput);
			row(sc, "requests/s (peer: keyset queries/s)", tp, "≥ 0.5× pgbench", tp[2] >= 0.5);
			double[] p99 = compare(key, "groupchat", "pgbench", pct(99));
			row(sc, "latency p99 (ms)", p99, "≤ 5 ms", p99[0] <= 5);
			row(sc, "latency p50 (ms)", compare(key, "groupchat", "pgbench", pct(50)), "", null);
			series.put("groupchat c=" + c, merged(key, "groupchat"));
			series.put("pgbench c=" + c, merged(key, "pgbench"));
		}
		latencyChart(b.out, "history-latency.png", "History: keyset page latency", series);
		CategoryChart ch = new CategoryChartBuilder().width(900).height(500).title("Ingest and history throughput (median of rounds)")
			.xAxisTitle("").yAxisTitle("per second").build();
		List<String> xs = List.of("ingest msg/s", "history c=1 req/s", "history c=8 req/s");
		for (String side : List.of("groupchat", "pgbench")) {
			ch.addSeries(side, xs, List.of(med("ingest", side), med("history-c1", side), med("history-c8", side)));
		}
		save(b.out, "db-throughput.png", ch);
	}

	private double med(String key, String side) {
		double m = median(side(key, side).stream().map(RoundData::throughput).toList());
		return Double.isNaN(m) ? 0 : m;
	}

	// ---- connections ----

	private final List<double[]> levels = new ArrayList<>();
	private long heap0, rss0;
	private int maxSessions;
	private List<Integer> plannedLevels;

	void connectionsBaseline(long heapKb, long rssKb, List<Integer> planned, int max) {
		heap0 = heapKb;
		rss0 = rssKb;
		plannedLevels = planned;
		maxSessions = max;
	}

	void connectionsLevel(int level, int open, double rate, long heapKb, long rssKb, double heapPer, double rssPer) {
		levels.add(new double[] { level, open, rate, heapKb, rssKb, heapPer, rssPer });
	}

	void connectionsDone(Bench b, int closedByServer, Load load) throws Exception {
		loads.add(load);
		connectionLines.add("| sessions | open | connect rate (sessions/s) | heap after GC (MiB) | heap/session (KB) | RSS (MiB) | RSS/session (KB) |");
		connectionLines.add("|---:|---:|---:|---:|---:|---:|---:|");
		connectionLines.add(String.format(Locale.ROOT, "| 0 | 0 | | %.1f | | %.1f | |", heap0 / 1024.0, rss0 / 1024.0));
		for (double[] l : levels) {
			connectionLines.add(String.format(Locale.ROOT, "| %,d | %,d | %,.0f | %.1f | %.1f | %.1f | %.1f |", (int) l[0], (int) l[1], l[2],
					l[3] / 1024, l[5] / 1000, l[4] / 1024, l[6] / 1000));
		}
		connectionLines.add("");
		connectionLines.add("Sessions closed by the server during the test: " + closedByServer + ".");
		if (levels.isEmpty()) return;
		double[] top = levels.getLast();
		String sc = "Connections (idle authenticated STOMP sessions, each subscribed to /user/queue/events)";
		rows.add(new Row(sc, "heap after GC per session at " + String.format(Locale.ROOT, "%,d", (int) top[1]) + " (KB)", f(top[5] / 1000), "", "",
				"≤ 24 KB", top[5] / 1000 <= 24 ? "✅ met" : "❌ missed"));
		rows.add(new Row(sc, "RSS per session (KB)", f(top[6] / 1000), "", "", "≤ 32 KB", top[6] / 1000 <= 32 ? "✅ met" : "❌ missed"));
		rows.add(new Row(sc, "connect rate (sessions/s, last step)", f(top[2]), "", "", "", ""));
		boolean twenty = top[1] >= 20_000;
		rows.add(new Row(sc, "sessions held on one node", String.format(Locale.ROOT, "%,d", (int) top[1]), "", "", "20,000",
				twenty ? "✅ met" : top[0] < plannedLevels.getLast() ? "❌ missed (ramp stopped, see notes)"
						: plannedLevels.getLast() < 20_000 ? "not tested (capped at " + plannedLevels.getLast() + ")" : "❌ missed"));
		CategoryChart c = new CategoryChartBuilder().width(900).height(500).title("Idle sessions: memory per session")
			.xAxisTitle("sessions").yAxisTitle("KB per session").build();
		List<String> xs = levels.stream().map(l -> String.format(Locale.ROOT, "%,d", (int) l[1])).toList();
		c.addSeries("heap after GC / session", xs, levels.stream().map(l -> l[5] / 1000).toList());
		c.addSeries("RSS / session", xs, levels.stream().map(l -> l[6] / 1000).toList());
		save(b.out, "connections-memory.png", c);
	}

	// ---- charts ----

	private Histogram merged(String key, String side) {
		Histogram m = new Histogram(3);
		side(key, side).forEach(d -> m.add(d.latency()));
		return m;
	}

	private void latencyChart(Path out, String file, String title, Map<String, Histogram> series) throws Exception {
		XYChart c = new XYChartBuilder().width(900).height(550).title(title)
			.xAxisTitle("1/(1 - percentile), log: 10 = p90, 100 = p99, 1,000 = p99.9, 10,000 = p99.99").yAxisTitle("latency (ms)").build();
		c.getStyler().setXAxisLogarithmic(true);
		c.getStyler().setYAxisLogarithmic(true);
		c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
		for (var e : new java.util.TreeMap<>(series).entrySet()) {
			Histogram h = e.getValue();
			if (h.getTotalCount() == 0) continue;
			List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
			for (HistogramIterationValue v : h.percentiles(5)) {
				double p = v.getPercentileLevelIteratedTo();
				if (p >= 100) break;
				xs.add(1 / (1 - p / 100));
				ys.add(Math.max(0.001, v.getValueIteratedTo() / 1000.0));
			}
			if (xs.isEmpty()) continue;
			var s = c.addSeries(e.getKey() + " (n=" + h.getTotalCount() + ")", xs, ys);
			s.setMarker(SeriesMarkers.NONE);
		}
		if (!c.getSeriesMap().isEmpty()) save(out, file, c);
	}

	private void save(Path out, String file, org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) throws Exception {
		chart.getStyler().setChartBackgroundColor(Color.WHITE);
		BitmapEncoder.saveBitmap(chart, out.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
		charts.add(file);
	}

	// ---- REPORT.md ----

	void end(Bench b, double seconds) throws Exception {
		StringBuilder md = new StringBuilder();
		md.append("# groupchat benchmark report\n\n");
		md.append("Run started ").append(started).append(", took ").append(String.format(Locale.ROOT, "%.0f", seconds))
			.append(" s (harness only; `bench/run` adds build and start-up). Mode: ").append(b.quick ? "**--quick**" : "**full**")
			.append(", ").append(b.rounds).append(" round(s) per side, alternating A B A B …; ratios are the median of per-round ratios (groupchat / peer).\n\n");
		md.append("Command: `").append(b.command.isBlank() ? "java -jar bench/target/bench.jar" : b.command).append("`\n\n");
		md.append("## Machine\n\n| fact | value |\n|---|---|\n");
		facts.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
		String svc = System.getenv().getOrDefault("BENCH_SERVICE_JAVA", "");
		if (!svc.isBlank()) md.append("| service JVM | ").append(svc.replace("\n", " ")).append(" |\n");
		md.append("| load average before | ").append(loadBefore).append(" |\n");
		md.append("| load average after | ").append(Util.loadavg()).append(" |\n\n");
		md.append("## Results against the targets\n\n");
		md.append("| scenario | metric | groupchat | peer | ratio | target | met? |\n|---|---|---:|---:|---:|---|---|\n");
		for (Row r : rows) {
			md.append("| ").append(r.scenario()).append(" | ").append(r.metric()).append(" | ").append(r.groupchat()).append(" | ")
				.append(r.peer()).append(" | ").append(r.ratio()).append(" | ").append(r.target()).append(" | ").append(r.met()).append(" |\n");
		}
		md.append("\nPeers: fan-out → bare WebSocket broadcast server (`bench/peer/broadcast.js`, Node `ws`, no protocol, storage or checks), ")
			.append("driven by the same client code; ingest → `pgbench` single-row INSERT of the same row shape into a copy of `message` at the same concurrency; ")
			.append("history → `pgbench` running the service's keyset SQL (`-M prepared`) at the same number of connections; ")
			.append("two nodes over RabbitMQ → the same two nodes with every subscriber on one of them; send-path features → the same node ")
			.append("restarted with every feature off (see `FeaturesScenario` for what \"on\" means).\n\n");
		if (!openLoopLines.isEmpty()) {
			md.append("## Ingest, open loop\n\n");
			openLoopLines.forEach(l -> md.append(l).append('\n'));
			md.append('\n');
		}
		if (!connectionLines.isEmpty()) {
			md.append("## Connections ramp\n\n");
			connectionLines.forEach(l -> md.append(l).append('\n'));
			md.append('\n');
		}
		md.append("## Rounds\n\n| scenario | side | round | throughput | p50 ms | p99 ms | p99.9 ms | details |\n|---|---|---:|---:|---:|---:|---:|---|\n");
		data.forEach((key, list) -> list.forEach(d -> md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s |\n", key,
				d.side(), d.round(), f(d.throughput()), f(pct(50).applyAsDouble(d)), f(pct(99).applyAsDouble(d)),
				f(pct(99.9).applyAsDouble(d)), d.extra()))));
		md.append("\n## Machine load per round\n\nCPU% is of one core (200% = both cores of this machine), measured from /proc/<pid>/stat over the round; ")
			.append("peer CPU is the Node broadcast server's (pgbench rounds: PostgreSQL's CPU is not separated).\n\n")
			.append("| scenario | side | round | wall s | loadavg start | loadavg end | service CPU% | peer CPU% | harness CPU% |\n|---|---|---:|---:|---|---|---:|---:|---:|\n");
		for (Load l : loads) {
			md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %s | %s | %s | %s | %s |\n", l.scenario(), l.side(), l.round(),
					l.wallSeconds(), l.loadStart(), l.loadEnd(), f(l.serviceCpu()), f(l.peerCpu()), f(l.harnessCpu())));
		}
		md.append("\n## Charts\n\n");
		for (String c : charts) md.append("![").append(c).append("](").append(c).append(")\n\n");
		if (!notes.isEmpty()) {
			md.append("## Notes\n\n");
			notes.forEach(n -> md.append("- ").append(n).append('\n'));
		}
		Files.writeString(b.out.resolve("REPORT.md"), md.toString());
		Bench.log("report written to " + b.out.resolve("REPORT.md"));
	}

}
