package bench;

import static bench.Bench.log;
import static bench.Bench.parallel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The features that add work to every send, each on and off: the ingest load (closed loop, the
 * same groups and senders) against nodes of its own, one per configuration (push and indexing
 * are settings; webhooks and blocks are data), started once, warmed up, and stopped with SIGSTOP
 * while another is measured; alternating rounds (off, notifications, search indexing, webhooks,
 * blocking, all on; then again). What "on" means:
 * <ul>
 * <li>notifications: the push gateway is configured (the peer's HTTP side) and every member but the
 * sender is offline with one GATEWAY device, so each message is an outbox row in its transaction
 * and nine pushes for the workers;
 * <li>search indexing: the node fills the search index a second after the sends (off:
 * {@code groupchat.messaging.search-indexing=false}); the index is caught up before every round;
 * <li>webhooks: every group has one endpoint for {@code message.created} (the peer, answering 204);
 * <li>blocking: every sender blocked 50 users and every member 5 (none of them a sender of the
 * group), so each CONNECT loads a block list and each notification expansion reads blocks.
 * </ul>
 */
final class FeaturesScenario {

	static final String DB = "gc_bench_features";

	record Variant(String name, boolean push, boolean search, boolean webhooks, boolean blocks) {
	}

	static final List<Variant> VARIANTS = List.of(new Variant("all off", false, false, false, false),
			new Variant("notifications", true, false, false, false), new Variant("search indexing", false, true, false, false),
			new Variant("webhooks", false, false, true, false), new Variant("blocking", false, false, false, true),
			new Variant("all on", true, true, true, true));

	private final Bench b;

	FeaturesScenario(Bench b) {
		this.b = b;
	}

	void run() throws Exception {
		int groups = b.quick ? 200 : 1000;
		int wanted = b.quick ? 32 : 64;
		// four nodes hold pools of their own: leave more connections free than ingest does
		int senders = (int) Math.max(8, Math.min(wanted, b.freeConnections() - 60));
		int seconds = b.quick ? 5 : 15;
		int firstWarmUp = b.quick ? 8 : 20;
		Node.freshDatabase(b, DB);
		log("features: starting four nodes (one per configuration), creating " + groups + " CHAT groups of 10 members with devices");
		// one node per configuration, started once and kept warm; the ones not measured are
		// stopped (SIGSTOP), so none of their workers runs during another's round
		Map<String, Node> nodes = new LinkedHashMap<>();
		try {
			for (Variant v : VARIANTS) {
				String config = config(v);
				if (!nodes.containsKey(config)) {
					nodes.put(config, Node.start(b, "features-" + config, b.nodePort + 10 + nodes.size(), DB, "1g", env(v)));
				}
			}
			Node setup = nodes.get(config(VARIANTS.getFirst()));
			List<String> gids = IngestScenario.createGroups(b, setup.base(), "ft", groups, senders);
			IngestScenario.registerDevices(b, setup.base(), "ft", groups);
			nodes.values().forEach(Node::pause);
			IngestScenario ingest = new IngestScenario(b);
			java.util.Set<String> warm = new java.util.HashSet<>();
			// each node keeps a user's blocks for 30 s (evicted by the service's own block
			// calls, which the SQL below bypasses): a node is resumed on changed rows only
			// once its cache has expired
			Map<Node, Boolean> sawBlocks = new java.util.HashMap<>();
			Map<Node, Long> pausedAt = new java.util.HashMap<>();
			for (int r = 1; r <= b.rounds; r++) {
				for (int v = 0; v < VARIANTS.size(); v++) {
					Variant variant = VARIANTS.get(v);
					Node node = nodes.get(config(variant));
					clear();
					if (variant.blocks()) {
						b.psql(DB, "insert into user_block (blocker_id, blocked_id, blocked_at)"
								+ " select 'ft-s' || s, 'ft-blocked-' || k, now() from generate_series(0, " + (senders - 1) + ") s, generate_series(1, 50) k;"
								+ "insert into user_block (blocker_id, blocked_id, blocked_at)"
								+ " select 'ft-g' || g || '-m' || m, 'ft-blocked-' || k, now() from generate_series(0, " + (groups - 1)
								+ ") g, generate_series(1, 9) m, generate_series(1, 5) k");
					}
					// the index caught up, as on a node that has been indexing all along
					b.psql(DB, "insert into message_search_progress (group_id, indexed_seq) select id, last_seq from chat_group"
							+ " on conflict (group_id) do update set indexed_seq = excluded.indexed_seq");
					if (sawBlocks.containsKey(node) && sawBlocks.get(node) != variant.blocks()) {
						long waitMillis = pausedAt.get(node) + 31_000 - System.currentTimeMillis();
						if (waitMillis > 0) {
							log(String.format("  features: waiting %.0f s for %s to forget the blocks it read", waitMillis / 1000.0, node.name));
							Thread.sleep(waitMillis);
						}
					}
					sawBlocks.put(node, variant.blocks());
					node.resume();
					try {
						if (variant.webhooks()) {
							parallel(groups, 16, g -> Util.expect(Util.call(node.base(), "POST", "/api/v1/groups/" + gids.get(g) + "/webhooks",
									b.tok("ft-s" + (g % senders)), "{\"url\":\"" + b.peerHttp + "/webhook\",\"events\":[\"message.created\"]}"), 201));
						}
						// the same load first, not recorded: longer the first time a JVM is used
						int warmUp = warm.add(node.name) ? firstWarmUp : 3;
						ingest.ingestService(node.ws(), node.pid(), DB, null, variant.name(), gids, senders, warmUp, r, "ftw" + r + "v" + v, "ft-s");
						double rate = ingest.ingestService(node.ws(), node.pid(), DB, "features", variant.name(), gids, senders, seconds, r,
								"ft" + r + "v" + v, "ft-s");
						log(String.format("  features %s round %d: %.0f msg/s; queued at the end: outbox %d, push deliveries %d, webhook deliveries %d",
								variant.name(), r, rate, b.count(DB, "select count(*) from notification_outbox"),
								b.count(DB, "select count(*) from push_delivery"), b.count(DB, "select count(*) from webhook_outbox")));
					}
					finally {
						node.pause();
						pausedAt.put(node, System.currentTimeMillis());
					}
				}
			}
			clear();
		}
		finally {
			for (Node n : nodes.values()) {
				n.resume();
				n.close();
			}
		}
		b.report.featuresDone(VARIANTS.stream().map(Variant::name).toList(), groups, senders, seconds);
	}

	/** The node configuration a variant runs on: push and indexing are settings, the rest is data. */
	private static String config(Variant v) {
		return (v.push() ? "push" : "nopush") + "-" + (v.search() ? "index" : "noindex");
	}

	/** Nothing of one variant reaches the next: no endpoints, blocks, queued work or held locks. */
	private void clear() {
		for (int attempt = 1;; attempt++) {
			// a node stopped in the middle of a worker's transaction holds row locks until it
			// runs again: end such transactions (the worker sees the error when resumed and
			// retries). Its backend may still be finishing a statement when the node stops and
			// only then turn idle in transaction, so the deletes wait under a lock timeout and
			// the two steps repeat until they go through.
			b.psql(DB, "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = '" + DB + "'"
					+ " and state like 'idle in transaction%' and pid <> pg_backend_pid()");
			try {
				b.psql(DB, "set lock_timeout = '5s'; delete from webhook_outbox; delete from webhook; delete from push_delivery;"
						+ " delete from notification_outbox; delete from user_block");
				return;
			}
			catch (RuntimeException ex) {
				if (attempt >= 10) throw ex;
				log("  features: the cleanup waited on a paused node's locks; ending its transactions again");
			}
		}
	}

	private Map<String, String> env(Variant v) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("GROUPCHAT_MESSAGING_SEARCH_INDEXING", "" + v.search());
		env.put("GROUPCHAT_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
		if (v.push()) env.put("GROUPCHAT_PUSH_GATEWAY_URL", b.peerHttp + "/_matrix/push/v1/notify");
		return env;
	}

}
