package bench;

import static bench.Bench.closeAll;
import static bench.Bench.log;
import static bench.Bench.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Fan-out across two nodes over RabbitMQ: two nodes of their own (bus {@code rabbitmq}, one
 * database), one FAN group of N members, the owner sending on node A at the fan-out scenario's
 * fixed load. Alternating rounds: every subscriber on node A ("one node"), then half of them on
 * node B ("two nodes", each message crossing the broker once to reach them). Target: p99 of the
 * split ≤ 1.3× the one node's.
 */
final class ClusterScenario {

	static final String DB = "gc_bench_cluster";

	private final Bench b;

	ClusterScenario(Bench b) {
		this.b = b;
	}

	void run() throws Exception {
		int n = 1000;
		int fixedSeconds = b.quick ? 3 : 20;
		int rate = FanoutScenario.fixedRate(n);
		Node.freshDatabase(b, DB);
		Map<String, String> env = Map.of("GROUPCHAT_BUS_TYPE", "rabbitmq", "SPRING_RABBITMQ_HOST", "127.0.0.1");
		log("cluster: starting two nodes on RabbitMQ");
		try (Node a = Node.start(b, "cluster-a", b.nodePort, DB, "1g", env);
				Node nb = Node.start(b, "cluster-b", b.nodePort + 1, DB, "1g", env)) {
			String owner = "cl" + n + "-owner";
			String ownerToken = b.tok(owner);
			String gid = Util.field(Util.expect(Util.call(a.base(), "POST", "/api/v1/groups", ownerToken,
					"{\"name\":\"cluster fan-out " + n + "\",\"kind\":\"FAN\"}"), 201), "id");
			Util.expect(Util.call(a.base(), "PATCH", "/api/v1/groups/" + gid, ownerToken, "{\"memberLimit\":20000}"), 200);
			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < n; i++) tokens.add(b.tok("cl" + n + "-m" + i));
			parallel(n, 16, i -> Util.expect(Util.call(a.base(), "POST", "/api/v1/groups/" + gid + "/members", ownerToken,
					"{\"userId\":\"cl" + n + "-m" + i + "\"}"), 201));
			// fresh JVMs: the split load once first, not recorded
			round(a, nb, n, gid, ownerToken, tokens, "two nodes", 0, rate, b.quick ? 5 : 15);
			for (int r = 1; r <= b.rounds; r++) {
				for (String side : List.of("one node", "two nodes")) {
					round(a, nb, n, gid, ownerToken, tokens, side, r, rate, fixedSeconds);
				}
			}
		}
		b.report.clusterDone(n, rate, fixedSeconds);
	}

	private void round(Node a, Node nb, int n, String gid, String ownerToken, List<String> tokens, String side, int round, int rate,
			int seconds) {
		boolean split = side.equals("two nodes");
		FanoutScenario.Sink sink = new FanoutScenario.Sink();
		System.gc();
		List<Conn> receivers = new ArrayList<>();
		String topic = "/topic/group." + gid;
		if (split) {
			receivers.addAll(b.connectMany(a.ws(), true, tokens.subList(0, n / 2), n / 2, topic, c -> c.onMessage = sink::accept, 200));
			receivers.addAll(b.connectMany(nb.ws(), true, tokens.subList(n / 2, n), n - n / 2, topic, c -> c.onMessage = sink::accept, 200));
		}
		else {
			receivers.addAll(b.connectMany(a.ws(), true, tokens, n, topic, c -> c.onMessage = sink::accept, 200));
		}
		Conn sender = b.connectMany(a.ws(), true, List.of(ownerToken), 1, "/user/queue/acks", c -> {
		}, 1).getFirst();
		FanoutScenario fo = new FanoutScenario(b);
		String dest = "/app/group." + gid + ".send";
		String tag = "cl" + n + "-" + (split ? "two" : "one") + "-r" + round;
		long sent = fo.paced(sender, true, dest, tag + "-w", rate, b.quick ? 1 : 2);
		sink.await(sent * n, 10_000);
		sink.latency.getIntervalHistogram();
		sink.delivered.reset();
		long a0 = Util.cpuTicks(a.pid()), b0 = Util.cpuTicks(nb.pid());
		Bench.Probe probe = b.probe();
		long t0 = System.nanoTime();
		sent = fo.paced(sender, true, dest, tag + "-f", rate, seconds);
		long got = sink.await(sent * n, 15_000);
		Histogram h = sink.latency.getIntervalHistogram();
		double wall = (System.nanoTime() - t0) / 1e9;
		double cpuA = (Util.cpuTicks(a.pid()) - a0) / 100.0 / wall * 100, cpuB = (Util.cpuTicks(nb.pid()) - b0) / 100.0 / wall * 100;
		int lost = closeAll(receivers) + closeAll(List.of(sender));
		Report.Load load = probe.done("cluster-" + n, side, round);
		String extra = String.format(java.util.Locale.ROOT, "delivered %.2f%%, node A CPU %.0f%%, node B CPU %.0f%%, sessions closed by server %d",
				100.0 * got / Math.max(1, sent * n), cpuA, cpuB, lost);
		log(String.format("cluster N=%d %s round %d%s: %d/%d deliveries, p50 %.2f p99 %.2f p99.9 %.2f ms; %s", n, side, round, round == 0 ? " (warm-up)" : "", got, sent * n,
				h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, extra));
		if (round > 0) b.report.clusterRound(n, side, round, h, got / wall, extra, load);
		Util.sleep(1000);
	}

}
