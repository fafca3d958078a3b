package dev.groupchat.realtime;

import org.springframework.stereotype.Component;

/** Delivers bus events to this node's sessions. */
@Component
class Fanout {

	private final GroupChannels channels;

	private final UserQueues users;

	private final RealtimeMeters meters;

	Fanout(GroupChannels channels, UserQueues users, RealtimeMeters meters) {
		this.channels = channels;
		this.users = users;
		this.meters = meters;
	}

	void accept(BusEvent event) {
		meters.busReceived();
		switch (event.kind()) {
			case GROUP ->
				channels.publish(event.groupId(), event.seq(), event.json(), event.subjectId(), event.audience());
			case USER -> users.deliver(event.userId(), event.json());
			case DROP_MEMBER -> channels.drop(event.groupId(), event.userId(), event.json());
			case DROP_GROUP -> channels.dropAll(event.groupId(), event.json());
			case RECHECK_READERS -> channels.recheck(event.groupId(), event.json());
			case BLOCKED -> users.blockChanged(event.userId(), event.subjectId(), true);
			case UNBLOCKED -> users.blockChanged(event.userId(), event.subjectId(), false);
		}
	}

}
