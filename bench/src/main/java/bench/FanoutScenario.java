package bench;

import static bench.Bench.closeAll;
import static bench.Bench.log;
import static bench.Bench.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Fan-out: N sessions subscribed to one FAN group, the owner sends at a fixed load and then on a ramp;
 * the same client code against the bare broadcast peer, in alternating rounds.
 */
final class FanoutScenario {

	private final Bench b;

	FanoutScenario(Bench b) {
		this.b = b;
	}

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

	static int fixedRate(int n) {
		return switch (n) {
			case 100 -> 100;
			case 1000 -> 20;
			default -> Math.max(1, 20_000 / n);
		};
	}

	void run() throws Exception {
		int fixedSeconds = b.quick ? 3 : 20;
		int rampSteps = b.quick ? 4 : 8;
		double rampStepSeconds = b.quick ? 1.5 : 3;
		for (int n : b.fanoutSizes) {
			if (b.heapPerSessionKb > 0 && b.heapMaxKb > 0) {
				long usedNow = b.heapAfterGc();
				double projected = usedNow + n * b.heapPerSessionKb * 1.05;
				if (projected > 0.9 * b.heapMaxKb) {
					String msg = String.format("fan-out N=%,d not run: %,d sessions at %.0f KB each (measured by the connections scenario) would need %.0f MiB of the service's %.0f MiB heap",
							n, n, b.heapPerSessionKb * 1.024, projected / 1024, b.heapMaxKb / 1024.0);
					log(msg);
					b.report.note(msg);
					b.report.fanoutSkipped(n, msg);
					continue;
				}
			}
			String owner = "fo" + n + "-owner";
			String ownerToken = b.tok(owner);
			log("fan-out N=" + n + ": creating the group and " + n + " members over REST");
			long s0 = System.nanoTime();
			String gid = Util.field(Util.expect(Util.call(b.base, "POST", "/api/v1/groups", ownerToken,
					"{\"name\":\"fan-out " + n + "\",\"kind\":\"FAN\"}"), 201), "id");
			Util.expect(Util.call(b.base, "PATCH", "/api/v1/groups/" + gid, ownerToken, "{\"memberLimit\":20000}"), 200);
			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < n; i++) tokens.add(b.tok("fo" + n + "-m" + i));
			parallel(n, 16, i -> Util.expect(Util.call(b.base, "POST", "/api/v1/groups/" + gid + "/members", ownerToken,
					"{\"userId\":\"fo" + n + "-m" + i + "\"}"), 201));
			log(String.format("  setup took %.1f s", (System.nanoTime() - s0) / 1e9));
			int rate = fixedRate(n);
			for (int r = 1; r <= b.rounds; r++) {
				for (String side : List.of("groupchat", "peer")) {
					fanoutRound(n, gid, ownerToken, tokens, side, r, rate, fixedSeconds, rampSteps, rampStepSeconds);
				}
			}
		}
		b.report.fanoutDone(b);
	}

	void fanoutRound(int n, String gid, String ownerToken, List<String> tokens, String side, int round, int rate,
			int fixedSeconds, int rampSteps, double stepSeconds) {
		boolean stomp = side.equals("groupchat");
		String url = stomp ? b.wsUrl : b.peerUrl;
		Sink sink = new Sink();
		System.gc();
		Bench.Probe probe = b.probe();
		long c0 = System.nanoTime();
		List<Conn> receivers = b.connectMany(url, stomp, stomp ? tokens : null, n, "/topic/group." + gid,
				c -> c.onMessage = sink::accept, 200);
		double connectSeconds = (System.nanoTime() - c0) / 1e9;
		LongAdder acksOk = new LongAdder(), acksErr = new LongAdder();
		Conn sender = b.connectMany(url, stomp, stomp ? List.of(ownerToken) : null, 1, "/user/queue/acks", c -> c.onAck = body -> {
			if (body.contains("\"status\":\"OK\"")) acksOk.increment(); else acksErr.increment();
		}, 1).getFirst();
		String dest = "/app/group." + gid + ".send";
		String tag = "fo" + n + "-" + side + "-r" + round;
		log(String.format("fan-out N=%d %s round %d: %d receivers connected in %.1f s", n, side, round, n, connectSeconds));
		// warm-up: 2 s at the fixed rate, not measured
		long sent = paced(sender, stomp, dest, tag + "-w", rate, b.quick ? 1 : 2);
		sink.await(sent * n, 10_000);
		sink.latency.getIntervalHistogram();
		sink.delivered.reset();
		// fixed offered load; CPU per delivery measured over it alone (not the connects or the ramp)
		Bench.Probe cpu = b.probe();
		long fs0 = System.nanoTime();
		sent = paced(sender, stomp, dest, tag + "-f", rate, fixedSeconds);
		long got = sink.await(sent * n, 15_000);
		double fixedWall = Math.max(fixedSeconds, (sink.lastNanos - fs0) / 1e9);
		Histogram fixed = sink.latency.getIntervalHistogram();
		Report.Load fixedLoad = cpu.done("fanout-" + n + "-fixed", side, round);
		double cpuSeconds = (stomp ? fixedLoad.serviceCpu() : fixedLoad.peerCpu()) / 100 * fixedLoad.wallSeconds();
		b.report.fanoutCpu(n, side, cpuSeconds / Math.max(1, got) * 1e6);
		log(String.format("  fixed %d msg/s: %d/%d deliveries, p50 %.2f ms p99 %.2f ms p99.9 %.2f ms, %.2f µs CPU per delivery", rate,
				got, sent * n, fixed.getValueAtPercentile(50) / 1000.0, fixed.getValueAtPercentile(99) / 1000.0,
				fixed.getValueAtPercentile(99.9) / 1000.0, cpuSeconds / Math.max(1, got) * 1e6));
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
			msgRate *= b.quick ? 2 : 1.6;
		}
		sink.await(Long.MAX_VALUE, 2_000);
		int lost = closeAll(receivers) + closeAll(List.of(sender));
		Report.Load load = probe.done("fanout-" + n, side, round);
		log(String.format("  ramp %s -> sustained %.0f deliveries/s; acks ok=%d err=%d; sessions closed by server=%d; cpu svc %.0f%% peer %.0f%% harness %.0f%%",
				steps, best, acksOk.sum(), acksErr.sum(), lost, load.serviceCpu(), load.peerCpu(), load.harnessCpu()));
		b.report.fanoutRound(n, side, round, fixed, (double) got / Math.max(1, sent * n), got / fixedWall, best, String.join(" ", steps),
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

}
