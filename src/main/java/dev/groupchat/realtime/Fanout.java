package dev.groupchat.realtime;

import dev.groupchat.safety.Blocks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Delivers bus events to this node's sessions. */
@Component
class Fanout {

	private final GroupChannels channels;

	private final UserQueues users;

	private final RealtimeMeters meters;

	private final Blocks blocks;

	Fanout(GroupChannels channels, UserQueues users, RealtimeMeters meters, Blocks blocks) {
		this.channels = channels;
		this.users = users;
		this.meters = meters;
		this.blocks = blocks;
	}

	void accept(BusEvent event) {
		meters.busReceived();
		switch (event.kind()) {
			case GROUP -> channels.publish(need(event.groupId(), "groupId", event), event.seq(),
					need(event.json(), "json", event), event.subjectId(), event.audience());
			case USER -> users.deliver(need(event.userId(), "userId", event), need(event.json(), "json", event));
			case DROP_MEMBER -> channels.drop(need(event.groupId(), "groupId", event),
					need(event.userId(), "userId", event), event.json());
			case DROP_GROUP -> channels.dropAll(need(event.groupId(), "groupId", event), event.json());
			case RECHECK_READERS -> channels.recheck(need(event.groupId(), "groupId", event), event.json());
			case BLOCKED -> blockChanged(event, true);
			case UNBLOCKED -> blockChanged(event, false);
		}
	}

	private void blockChanged(BusEvent event, boolean blocked) {
		String blockerId = need(event.userId(), "userId", event);
		// this node's list of the blocker's blocks first, then their open sessions
		blocks.changed(blockerId);
		users.blockChanged(blockerId, need(event.subjectId(), "subjectId", event), blocked);
	}

	/** A field the event's kind always carries (a malformed bus message fails here). */
	private static <T> T need(@Nullable T value, String field, BusEvent event) {
		return Objects.requireNonNull(value, () -> event.kind() + " event without " + field);
	}

}
