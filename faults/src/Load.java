import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Senders over STOMP: {@code sessions} users each sending to one group at a fixed rate, with unique
 * clientMsgIds. Every send and every ack is recorded with its time, so a case can tell how long an
 * answer took, which sends were acked OK, and which still need a resend.
 */
final class Load {

	record Ack(String status, String type, long atNanos) {
	}

	private static final Pattern ID = Pattern.compile("\"clientMsgId\":\"([^\"]*)\"");

	private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z]+)\"");

	private static final Pattern TYPE = Pattern.compile("problems/([a-z-]+)\"");

	final String groupId;

	final List<String> users;

	final String secret;

	/** clientMsgId → when it was (last) sent, and who sent it. */
	final Map<String, Long> sentAt = new ConcurrentHashMap<>();

	final Map<String, String> sender = new ConcurrentHashMap<>();

	/** clientMsgId → the latest ack. */
	final Map<String, Ack> acks = new ConcurrentHashMap<>();

	/** clientMsgId → answer time in ms of every ERROR ack. */
	final Map<String, Long> errorMillis = new ConcurrentHashMap<>();

	private final Map<String, Stomp> sessions = new ConcurrentHashMap<>();

	private final AtomicLong counter = new AtomicLong();

	private final String prefix;

	private ScheduledExecutorService ticker;

	private String padding = "";

	volatile boolean sending;

	Load(String groupId, List<String> users, String secret, String prefix) {
		this.groupId = groupId;
		this.users = users;
		this.secret = secret;
		this.prefix = prefix;
	}

	/** Makes each message's text about {@code chars} long. */
	Load padded(int chars) {
		padding = " " + "x".repeat(chars);
		return this;
	}

	/** Connects every user's session to the node (replacing any old one); answers how many connected. */
	int connect(Node node) {
		int ok = 0;
		for (String user : users) {
			try {
				Stomp s = Stomp.open(node.ws(), Node.token(secret, user));
				s.onAck = this::ack;
				s.subscribe("acks", "/user/queue/acks", "");
				Stomp old = sessions.put(user, s);
				if (old != null) {
					old.abort();
				}
				ok++;
			}
			catch (RuntimeException ex) {
				// counted by the caller
			}
		}
		sleep(300);
		return ok;
	}

	/** Sends {@code perSecond} messages in all, spread over the sessions, until {@link #stop}. */
	void start(int perSecond) {
		sending = true;
		ticker = Executors.newSingleThreadScheduledExecutor();
		long periodMicros = 1_000_000L / perSecond;
		AtomicLong turn = new AtomicLong();
		ticker.scheduleAtFixedRate(() -> {
			if (!sending) {
				return;
			}
			String user = users.get((int) (turn.getAndIncrement() % users.size()));
			send(user, prefix + "-" + counter.incrementAndGet());
		}, 0, periodMicros, TimeUnit.MICROSECONDS);
	}

	void stop() {
		sending = false;
		if (ticker != null) {
			ticker.shutdownNow();
		}
	}

	void send(String user, String clientMsgId) {
		Stomp s = sessions.get(user);
		if (s == null || !s.isOpen()) {
			return;
		}
		sentAt.put(clientMsgId, System.nanoTime());
		sender.put(clientMsgId, user);
		s.sendJson("/app/group." + groupId + ".send",
				"{\"clientMsgId\":\"" + clientMsgId + "\",\"type\":\"TEXT\",\"text\":\"fault " + clientMsgId + padding + "\"}");
	}

	private void ack(String body) {
		Matcher id = ID.matcher(body);
		Matcher status = STATUS.matcher(body);
		if (!id.find() || !status.find()) {
			return;
		}
		Matcher type = TYPE.matcher(body);
		long now = System.nanoTime();
		Ack ack = new Ack(status.group(1), type.find() ? type.group(1) : "", now);
		Ack previous = acks.get(id.group(1));
		if (previous == null || !previous.status().equals("OK")) {
			acks.put(id.group(1), ack);
		}
		Long sent = sentAt.get(id.group(1));
		if (ack.status().equals("ERROR") && sent != null) {
			errorMillis.put(id.group(1), (now - sent) / 1_000_000);
		}
	}

	List<String> ackedOk() {
		return acks.entrySet().stream().filter(e -> e.getValue().status().equals("OK")).map(Map.Entry::getKey).toList();
	}

	/** Sent but not acked OK: what a client resends after it reconnects. */
	List<String> unacked() {
		List<String> out = new ArrayList<>();
		for (String id : sentAt.keySet()) {
			Ack a = acks.get(id);
			if (a == null || !a.status().equals("OK")) {
				out.add(id);
			}
		}
		return out;
	}

	/** Resends, with the same clientMsgIds, everything not acked OK, until all are or the deadline. */
	boolean resendUntilAcked(long deadlineNanos) {
		while (System.nanoTime() < deadlineNanos) {
			List<String> missing = unacked();
			if (missing.isEmpty()) {
				return true;
			}
			for (String id : missing) {
				send(sender.get(id), id);
			}
			long wait = System.nanoTime() + 2_000_000_000L;
			while (!unacked().isEmpty() && System.nanoTime() < Math.min(wait, deadlineNanos)) {
				sleep(50);
			}
		}
		return unacked().isEmpty();
	}

	/** Close codes of the sessions that were closed, by code. */
	Map<Integer, Integer> closeCodes() {
		Map<Integer, Integer> codes = new java.util.TreeMap<>();
		for (Stomp s : sessions.values()) {
			if (s.closed.isDone()) {
				codes.merge(s.closed.getNow(-2), 1, Integer::sum);
			}
		}
		return codes;
	}

	void close() {
		stop();
		sessions.values().forEach(Stomp::abort);
	}

	static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
