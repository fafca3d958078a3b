package dev.groupchat.safety;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.Keyset;
import dev.groupchat.shared.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Blocks between users: a user blocks another so that they no longer see their messages,
 * are not notified by them and cannot be added to a group by them. Blocks are private:
 * nothing the blocked user can call tells them apart from other refusals. Block and
 * unblock are idempotent; {@link BlockChanged} is published only when something changed.
 */
@Service
public class Blocks {

	private final BlockStore store;

	private final SafetyProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/**
	 * Whom each user blocked, for the calls that ask every time (history pages, STOMP
	 * CONNECT, search). Forgotten when a change commits on this node, and when another
	 * node's change arrives over the event bus ({@link #changed}); the expiry bounds how
	 * long a change stays unseen here should the bus lose it.
	 */
	private final Cache<String, Set<String>> blocked = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterWrite(Duration.ofSeconds(30))
		.recordStats()
		.build();

	Blocks(BlockStore store, SafetyProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/** Blocks {@code userId}: 400 for oneself, 409 beyond {@code max-blocks}. */
	@Transactional
	public void block(CurrentUser user, String userId) {
		if (user.id().equals(userId)) {
			throw SafetyProblems.cannotBlockYourself();
		}
		store.lockBlocker(user.id());
		if (store.exists(user.id(), userId)) {
			return;
		}
		if (store.count(user.id()) >= properties.maxBlocks()) {
			throw SafetyProblems.tooManyBlocks(properties.maxBlocks());
		}
		store.insert(user.id(), userId, clock.instant());
		events.publishEvent(new BlockChanged(user.id(), userId, true));
	}

	/** Lifts a block; nothing happens when there was none. */
	@Transactional
	public void unblock(CurrentUser user, String userId) {
		store.lockBlocker(user.id());
		if (store.delete(user.id(), userId)) {
			events.publishEvent(new BlockChanged(user.id(), userId, false));
		}
	}

	/** The caller's blocks, oldest first, keyset-paged. */
	@Transactional(readOnly = true)
	public CursorPage<BlockView> list(CurrentUser user, PageRequest page) {
		return Keyset.TIME_AND_KEY.page(page, (after, limit) -> store.page(user.id(), after, limit),
				b -> new Keyset.TimeAndKey(b.blockedAt(), b.userId()));
	}

	/**
	 * A page of the blocks {@code blockerId} made, oldest first, after {@code after}
	 * (null: from the first); for the data export.
	 */
	@Transactional(readOnly = true)
	public List<BlockView> blocksOf(String blockerId, @Nullable BlockView after, int limit) {
		return store.page(blockerId, after == null ? null : new Keyset.TimeAndKey(after.blockedAt(), after.userId()),
				limit);
	}

	/**
	 * Whom the user blocked; usually nobody (an empty set). From a per-node cache; a miss
	 * is one statement, not transactional on purpose: it runs on STOMP CONNECTs and
	 * history pages, where a transaction would only add BEGIN and COMMIT round trips
	 * while holding a connection. A change made on this node is seen here once it has
	 * committed (the eviction waits for a load of the same user in flight, so no list
	 * read before the commit stays behind).
	 */
	public Set<String> blockedBy(String blockerId) {
		return blocked.get(blockerId, store::blockedBy);
	}

	Cache<String, Set<String>> cache() {
		return blocked;
	}

	@TransactionalEventListener(fallbackExecution = true)
	void evict(BlockChanged event) {
		blocked.invalidate(event.blockerId());
	}

	/**
	 * A block of {@code blockerId} changed on some node (the event bus's BLOCKED or
	 * UNBLOCKED, which every node hears, this one included): this node reads their list
	 * again. A change made here was already forgotten on commit ({@link #evict}), so that
	 * this module does not depend on the bus to be right.
	 */
	public void changed(String blockerId) {
		blocked.invalidate(blockerId);
	}

	/** Whether {@code blockerId} blocked {@code blockedId}. */
	@Transactional(readOnly = true)
	public boolean hasBlocked(String blockerId, String blockedId) {
		return store.exists(blockerId, blockedId);
	}

	/**
	 * Forgets the blocks the user made (account deletion); blocks others made of them
	 * stay, they are the others' own.
	 */
	@Transactional
	public int forgetBlocksOf(String userId) {
		blocked.invalidate(userId);
		return store.deleteAllBy(userId);
	}

	/** Which of {@code userIds} blocked {@code blockedId}. */
	@Transactional(readOnly = true)
	public Set<String> blockersAmong(String blockedId, Collection<String> userIds) {
		return userIds.isEmpty() ? Set.of() : store.blockersAmong(blockedId, List.copyOf(userIds));
	}

}
