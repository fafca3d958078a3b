package dev.groupchat.realtime;

import org.springframework.stereotype.Component;

/** The single-node bus: events go straight to this node's fan-out. */
@Component
class LocalEventBus implements EventBus {

	private final Fanout fanout;

	LocalEventBus(Fanout fanout) {
		this.fanout = fanout;
	}

	@Override
	public void publish(BusEvent event) {
		fanout.accept(event);
	}

}
