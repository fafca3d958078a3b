import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A member's live view of a group over STOMP: the seqs of the {@code message.created} events it
 * received (a set, and the order they came in), and, when timing a {@link Load}, each delivery's
 * latency from the send. After a restart it resumes with {@code resume-after-seq}.
 */
final class Subscriber {

	private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

	private static final Pattern ID = Pattern.compile("\"clientMsgId\":\"([^\"]*)\"");

	final Set<Long> seqs = ConcurrentHashMap.newKeySet();

	final List<Long> order = new CopyOnWriteArrayList<>();

	private final List<Long> latencies = new CopyOnWriteArrayList<>();

	private final String secret;

	private final String user;

	private final String group;

	private volatile Load timed;

	private Stomp stomp;

	Subscriber(Node node, String secret, String user, String group) {
		this.secret = secret;
		this.user = user;
		this.group = group;
		connect(node, "");
	}

	Subscriber timing(Load load) {
		timed = load;
		return this;
	}

	private void connect(Node node, String headers) {
		stomp = Stomp.open(node.ws(), Node.token(secret, user));
		stomp.onEvent = this::event;
		stomp.subscribe("g", "/topic/group." + group, headers);
		Load.sleep(200);
	}

	/** Reconnects and resumes after the highest seq up to which it has everything. */
	void resume(Node node) {
		stomp.abort();
		long contiguous = 0;
		while (seqs.contains(contiguous + 1)) {
			contiguous++;
		}
		connect(node, "resume-after-seq:" + contiguous + "\n");
	}

	private void event(String body) {
		if (!body.contains("\"type\":\"message.created\"")) {
			return;
		}
		Matcher m = SEQ.matcher(body);
		if (m.find()) {
			long seq = Long.parseLong(m.group(1));
			seqs.add(seq);
			order.add(seq);
		}
		Load load = timed;
		if (load != null) {
			Matcher id = ID.matcher(body);
			Long sent = id.find() ? load.sentAt.get(id.group(1)) : null;
			if (sent != null) {
				latencies.add((System.nanoTime() - sent) / 1_000_000);
			}
		}
	}

	/** Waits until every seq 1..{@code last} arrived, or the deadline. */
	boolean awaitAll(int last, long deadlineNanos) {
		while (System.nanoTime() < deadlineNanos) {
			if (hasAll(last)) {
				return true;
			}
			Load.sleep(100);
		}
		return hasAll(last);
	}

	private boolean hasAll(int last) {
		for (long s = 1; s <= last; s++) {
			if (!seqs.contains(s)) {
				return false;
			}
		}
		return true;
	}

	void resetLatencies() {
		latencies.clear();
	}

	static long p99(List<Subscriber> subs) {
		List<Long> all = new ArrayList<>();
		subs.forEach(s -> all.addAll(s.latencies));
		all.sort(null);
		return all.isEmpty() ? -1 : all.get((int) Math.min(all.size() - 1, Math.ceil(all.size() * 0.99) - 1));
	}

	void close() {
		stomp.abort();
	}

}
