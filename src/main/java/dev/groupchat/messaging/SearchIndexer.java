package dev.groupchat.messaging;

import dev.groupchat.shared.PollingLoop;
import dev.groupchat.shared.SendPressure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fills {@code message_search_doc} after the messages were acknowledged, so that no send
 * pays for search: the writer's {@link MessagePosted} marks a group, and once a second
 * one statement indexes the new messages of every marked group (the trigrams of thousands
 * of messages per statement, cheaper than one by one inside the send) and moves the
 * groups' watermarks. Until then {@link MessageSearch} reads the newer messages through
 * the primary key, so nothing is missed; a sweep now and then finds groups no event
 * marked (messages stored by another node that stopped, or before a restart).
 */
@Component
class SearchIndexer implements SmartLifecycle {

	/** Most messages of one group per statement: a backlog goes in steps of this size. */
	static final int ROWS_PER_GROUP = 5_000;

	/** Most groups per statement. */
	static final int GROUPS_PER_STEP = 500;

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	/**
	 * The most of its time the indexer works while sends wait to be stored (as the push
	 * worker's default): acknowledgements first, and each later step indexes more
	 * messages per statement. Search reads what is not indexed yet one by one meanwhile.
	 */
	static final double BUSY_SHARE = 0.25;

	private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(30);

	private static final String CJK = "'[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff]'";

	private final JdbcClient jdbc;

	private final PollingLoop loop;

	/** Marked groups and the newest seq seen for each. */
	private final Map<UUID, Long> marked = new ConcurrentHashMap<>();

	/** Touched by the loop's thread only; set so that the first step sweeps. */
	private long lastSweep = System.nanoTime() - SWEEP_NANOS - 1;

	/**
	 * Off ({@code groupchat.messaging.search-indexing=false}): no marks, no loop on this
	 * node.
	 */
	private final boolean enabled;

	SearchIndexer(JdbcClient jdbc, MessagingProperties properties, SendPressure pressure) {
		this.jdbc = jdbc;
		this.enabled = properties.searchIndexing();
		this.loop = new PollingLoop("search-indexer", INTERVAL, this::step).giveWay(pressure, BUSY_SHARE);
	}

	@EventListener
	void on(MessagePosted event) {
		if (!enabled) {
			return;
		}
		mark(event.message().groupId(), event.message().seq());
	}

	/** Marks a group to be indexed up to at least {@code seq}. */
	void mark(UUID groupId, long seq) {
		marked.merge(groupId, seq, Math::max);
	}

	/** One statement for the marked groups; true when a backlog remains. */
	boolean step() {
		if (System.nanoTime() - lastSweep > SWEEP_NANOS) {
			sweep();
		}
		List<UUID> groups = new ArrayList<>(GROUPS_PER_STEP);
		for (UUID groupId : marked.keySet()) {
			if (groups.size() == GROUPS_PER_STEP) {
				break;
			}
			groups.add(groupId);
		}
		if (groups.isEmpty()) {
			return false;
		}
		Map<UUID, Progress> done = new HashMap<>();
		index(groups).forEach(p -> done.put(p.groupId(), p));
		boolean more = groups.size() == GROUPS_PER_STEP;
		for (UUID groupId : groups) {
			Progress progress = done.get(groupId);
			if (progress != null && progress.indexedSeq() < progress.lastSeq()) {
				more = true;
				continue;
			}
			// indexed up to the group's committed last seq (or nothing to do): unmarked
			// unless a newer message came meanwhile
			long upTo = progress == null ? Long.MAX_VALUE : progress.indexedSeq();
			marked.computeIfPresent(groupId, (id, seq) -> seq <= upTo ? null : seq);
		}
		return more;
	}

	private record Progress(UUID groupId, long indexedSeq, long lastSeq) {
	}

	/**
	 * Indexes the messages after each group's watermark, up to {@value #ROWS_PER_GROUP}
	 * per group, without locking them: an edit or a recall that commits meanwhile has
	 * written its own document (or a tombstone) through the
	 * {@code message_search_doc_sync} trigger, and {@code ON CONFLICT DO NOTHING} keeps
	 * it. One statement, so one transaction.
	 */
	List<Progress> index(List<UUID> groups) {
		return jdbc.sql("""
				with todo as (
				    select g.id as group_id, coalesce(p.indexed_seq, 0) as from_seq, g.last_seq,
				           least(g.last_seq, coalesce(p.indexed_seq, 0) + :rows) as to_seq
				      from unnest(:groups) as i(id)
				      join chat_group g on g.id = i.id
				      left join message_search_progress p on p.group_id = g.id
				     where g.last_seq > coalesce(p.indexed_seq, 0)
				), docs as (
				    insert into message_search_doc (group_id, seq, sender_id, shadow, folded, short_terms)
				    select m.group_id, m.seq, m.sender_id, m.shadow, message_search_fold(m.text),
				           case when m.text ~ %s then message_search_short_terms(m.text) end
				      from todo t
				      join message m on m.group_id = t.group_id and m.seq > t.from_seq and m.seq <= t.to_seq
				     where m.text is not null and m.deleted_at is null
				     order by m.group_id, m.seq
				    on conflict do nothing
				), moved as (
				    insert into message_search_progress as p (group_id, indexed_seq)
				    select group_id, to_seq from todo
				    on conflict (group_id) do update set indexed_seq = greatest(p.indexed_seq, excluded.indexed_seq)
				)
				select group_id, to_seq, last_seq from todo""".formatted(CJK))
			.param("groups", groups.toArray(UUID[]::new))
			.param("rows", ROWS_PER_GROUP)
			.query((rs, n) -> new Progress(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	/** Marks the groups whose watermark is behind their last message. */
	private void sweep() {
		jdbc.sql("""
				select g.id, g.last_seq from chat_group g
				  left join message_search_progress p on p.group_id = g.id
				 where g.last_seq > coalesce(p.indexed_seq, 0)
				 limit 10000""")
			.query((rs, n) -> marked.merge(rs.getObject(1, UUID.class), rs.getLong(2), Math::max))
			.list();
		lastSweep = System.nanoTime();
	}

	@Override
	public void start() {
		if (enabled) {
			loop.start();
		}
	}

	@Override
	public void stop() {
		loop.stop();
	}

	@Override
	public boolean isRunning() {
		return loop.isRunning();
	}

}
