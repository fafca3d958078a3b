package dev.groupchat.realtime;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The single-node bus: events go straight to this node's fan-out. */
@Component
@ConditionalOnProperty(name = "groupchat.bus.type", havingValue = "local", matchIfMissing = true)
class LocalEventBus implements EventBus, BusInterest {

	private static final Logger log = LoggerFactory.getLogger(LocalEventBus.class);

	private final Fanout fanout;

	private final RealtimeMeters meters;

	LocalEventBus(Fanout fanout, RealtimeMeters meters) {
		this.fanout = fanout;
		this.meters = meters;
	}

	@Override
	public void publish(BusEvent event) {
		meters.busPublished();
		try {
			fanout.accept(event);
		}
		catch (RuntimeException ex) {
			log.error("Delivery of a {} event failed", event.kind(), ex);
		}
	}

	@Override
	public void groupWanted(UUID groupId) {
	}

	@Override
	public void groupUnwanted(UUID groupId) {
	}

	@Override
	public void userWanted(String userId) {
	}

	@Override
	public void userUnwanted(String userId) {
	}

}
