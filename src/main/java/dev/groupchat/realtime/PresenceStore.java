package dev.groupchat.realtime;

import dev.groupchat.shared.PollingLoop;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This node's half of the shared presence table: which users have a session here. Changes
 * are collected and written in one batch per {@value #FLUSH_MILLIS} ms by one thread, so
 * a storm of connects costs a few statements a second, not one per session, and CONNECT
 * never waits for the database. The node's row is refreshed every
 * {@value #HEARTBEAT_SECONDS} s; rows of nodes not seen for {@value #DEAD_AFTER_SECONDS}
 * s are ignored and deleted. When the database is unreachable the changes wait and are
 * written once it answers (meanwhile the node's users may look offline elsewhere, and get
 * a push they did not need).
 */
@Component
class PresenceStore implements SmartLifecycle {

	static final int FLUSH_MILLIS = 200;

	static final int HEARTBEAT_SECONDS = 5;

	static final int DEAD_AFTER_SECONDS = 30;

	private static final Logger log = LoggerFactory.getLogger(PresenceStore.class);

	private final UUID nodeId = UUID.randomUUID();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final PollingLoop loop;

	/** userId → online here (true) or gone (false), not yet written. */
	private final Map<String, Boolean> pending = new HashMap<>();

	/** Users written as online here: what a re-registered node writes again. */
	private final Set<String> written = new HashSet<>();

	private @Nullable Instant lastHeartbeat;

	private volatile boolean registered;

	private boolean failing;

	PresenceStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.loop = new PollingLoop("presence", Duration.ofMillis(FLUSH_MILLIS), this::step);
	}

	/** The user's first session on this node opened. */
	void online(String userId) {
		synchronized (pending) {
			pending.put(userId, true);
		}
	}

	/** The user's last session on this node closed. */
	void offline(String userId) {
		synchronized (pending) {
			pending.put(userId, false);
		}
	}

	/**
	 * Which of {@code userIds} have a session on a live node (this one included, as far
	 * as written). One statement.
	 */
	Set<String> onlineAmong(Collection<String> userIds) {
		if (userIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				select distinct p.user_id from user_presence p join realtime_node n on n.node_id = p.node_id
				 where p.user_id = any(:users) and n.seen_at > :alive""")
			.param("users", userIds.toArray(String[]::new))
			.param("alive", Timestamp.from(clock.instant().minusSeconds(DEAD_AFTER_SECONDS)))
			.query(String.class)
			.list());
	}

	/**
	 * One round: register or heartbeat, then write what changed; never busy-loops. A
	 * database outage is logged once when it starts and once when it ends.
	 */
	private boolean step() {
		Instant now = clock.instant();
		try {
			if (!registered || lastHeartbeat == null || lastHeartbeat.plusSeconds(HEARTBEAT_SECONDS).isBefore(now)) {
				heartbeat(now);
			}
			if (registered) {
				flush(now);
			}
			if (failing) {
				failing = false;
				log.info("presence: written again");
			}
		}
		catch (RuntimeException ex) {
			if (!failing) {
				failing = true;
				log.warn("presence: cannot write ({}); retrying every {} ms", ex.getClass().getSimpleName(),
						FLUSH_MILLIS);
			}
		}
		return false;
	}

	private void heartbeat(Instant now) {
		int updated = jdbc.sql("update realtime_node set seen_at = :now where node_id = :node")
			.param("now", Timestamp.from(now))
			.param("node", nodeId)
			.update();
		if (updated == 0) {
			// first round, or another node took this one for dead and deleted its rows:
			// register again and write every user who is online here
			jdbc.sql("insert into realtime_node (node_id, started_at, seen_at) values (:node, :now, :now)")
				.param("node", nodeId)
				.param("now", Timestamp.from(now))
				.update();
			synchronized (pending) {
				for (String userId : written) {
					pending.putIfAbsent(userId, true);
				}
				written.clear();
			}
			registered = true;
		}
		lastHeartbeat = now;
		int dead = jdbc.sql("delete from realtime_node where seen_at < :dead")
			.param("dead", Timestamp.from(now.minusSeconds(DEAD_AFTER_SECONDS)))
			.update();
		if (dead > 0) {
			log.info("presence: forgot {} node(s) not seen for {} s", dead, DEAD_AFTER_SECONDS);
		}
	}

	private void flush(Instant now) {
		Map<String, Boolean> batch;
		synchronized (pending) {
			if (pending.isEmpty()) {
				return;
			}
			batch = new HashMap<>(pending);
			pending.clear();
		}
		List<String> on = batch.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
		List<String> off = batch.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
		try {
			if (!off.isEmpty()) {
				jdbc.sql("delete from user_presence where node_id = :node and user_id = any(:users)")
					.param("node", nodeId)
					.param("users", off.toArray(String[]::new))
					.update();
			}
			if (!on.isEmpty()) {
				jdbc.sql("""
						insert into user_presence (user_id, node_id, since)
						select u, :node, :now from unnest(:users) u on conflict do nothing""")
					.param("node", nodeId)
					.param("now", Timestamp.from(now))
					.param("users", on.toArray(String[]::new))
					.update();
			}
			synchronized (pending) {
				written.removeAll(off);
				written.addAll(on);
			}
		}
		catch (RuntimeException ex) {
			// put the batch back under anything newer, and try again next round
			synchronized (pending) {
				batch.forEach(pending::putIfAbsent);
			}
			throw ex;
		}
	}

	@Override
	public void start() {
		loop.start();
	}

	@Override
	public void stop() {
		loop.stop();
		try {
			jdbc.sql("delete from realtime_node where node_id = :node").param("node", nodeId).update();
		}
		catch (RuntimeException ex) {
			log.warn("presence: could not remove this node's rows at shutdown ({}); they expire in {} s",
					ex.getClass().getSimpleName(), DEAD_AFTER_SECONDS);
		}
	}

	@Override
	public boolean isRunning() {
		return loop.isRunning();
	}

}
