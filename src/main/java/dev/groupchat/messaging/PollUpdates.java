package dev.groupchat.messaging;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Throttles {@link PollUpdated}: a committed vote schedules one update of its poll, at
 * once if none went out in the last second, else a second after the last one; votes that
 * commit while an update is scheduled ride on it. The update reads the counts when it is
 * sent, so the last one always carries the final counts. In a group of thousands of
 * voters that is at most one event a second per poll (per node), instead of one per vote.
 */
@Component
class PollUpdates implements DisposableBean {

	static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(PollUpdates.class);

	private final MessageStore store;

	private final ApplicationEventPublisher events;

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("poll-updates").factory());

	private final Set<Key> scheduled = ConcurrentHashMap.newKeySet();

	/** When each poll's last update went out (System.nanoTime), kept just long enough. */
	private final Cache<Key, Long> lastSent = Caffeine.newBuilder()
		.expireAfterWrite(INTERVAL.multipliedBy(2))
		.recordStats()
		.build();

	PollUpdates(MessageStore store, ApplicationEventPublisher events) {
		this.store = store;
		this.events = events;
	}

	private record Key(UUID groupId, long seq) {
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(PollVoted event) {
		Key key = new Key(event.groupId(), event.seq());
		if (!scheduled.add(key)) {
			return;
		}
		Long last = lastSent.getIfPresent(key);
		long delay = last == null ? 0 : Math.max(0, last + INTERVAL.toNanos() - System.nanoTime());
		timer.schedule(() -> send(key), delay, TimeUnit.NANOSECONDS);
	}

	private void send(Key key) {
		// unmarked before reading: a vote that commits after this read schedules the next
		// update
		scheduled.remove(key);
		lastSent.put(key, System.nanoTime());
		try {
			store.find(key.groupId(), key.seq())
				.filter(message -> message.poll() != null)
				.ifPresent(message -> events.publishEvent(new PollUpdated(key.groupId(), key.seq(), message.poll())));
		}
		catch (RuntimeException ex) {
			// the database is away: the next vote sends the counts again
			log.warn("poll update of group {} not sent: {}", key.groupId(), ex.getClass().getSimpleName());
		}
	}

	/** For {@code MessagingMetrics} ({@code cache="poll_updates"}). */
	Cache<?, ?> lastSent() {
		return lastSent;
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}

}
