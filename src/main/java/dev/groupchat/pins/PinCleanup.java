package dev.groupchat.pins;

import dev.groupchat.messaging.MessageRecalled;
import dev.groupchat.messaging.MessagesExpired;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A message that leaves the history (recalled by its sender or a moderator, erased with
 * its sender's account, expired by retention) takes its pin with it, in the same
 * transaction, and the group is told live ({@link PinChanged}; no SYSTEM message: the
 * tombstone says enough).
 */
@Component
class PinCleanup {

	private final PinStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PinCleanup(PinStore store, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	void on(MessageRecalled event) {
		UUID groupId = event.message().groupId();
		long seq = event.message().seq();
		if (store.delete(groupId, seq)) {
			announce(groupId, List.of(seq), PinChange.MESSAGE_RECALLED, event.by());
		}
	}

	@EventListener
	void on(MessagesExpired event) {
		List<Long> unpinned = store.deleteAll(event.groupId(), event.seqs());
		if (!unpinned.isEmpty()) {
			announce(event.groupId(), unpinned, PinChange.MESSAGE_EXPIRED, null);
		}
	}

	private void announce(UUID groupId, List<Long> seqs, PinChange change, @Nullable String by) {
		Long announcement = store.announcements(List.of(groupId), clock.instant()).get(groupId);
		seqs.forEach(seq -> events.publishEvent(new PinChanged(groupId, seq, change, null, by, announcement)));
	}

}
