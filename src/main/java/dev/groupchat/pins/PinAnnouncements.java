package dev.groupchat.pins;

import dev.groupchat.groups.Announcements;
import dev.groupchat.messaging.History;
import dev.groupchat.messaging.MessageView;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The groups' announcements for the group JSON: for a whole page of groups, one statement
 * finds the announced seqs and one more (only when there are any) reads their messages.
 */
@Component
class PinAnnouncements implements Announcements {

	private final PinStore store;

	private final History history;

	private final Clock clock;

	PinAnnouncements(PinStore store, History history, Clock clock) {
		this.store = store;
		this.history = history;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<UUID, MessageView> of(Collection<UUID> groupIds) {
		Map<UUID, Long> seqs = store.announcements(groupIds, clock.instant());
		if (seqs.isEmpty()) {
			return Map.of();
		}
		return history.atSeqs(seqs)
			.entrySet()
			.stream()
			.filter(announced -> !announced.getValue().deleted())
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

}
