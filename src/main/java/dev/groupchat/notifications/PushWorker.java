package dev.groupchat.notifications;

import dev.groupchat.shared.PollingLoop;
import dev.groupchat.shared.SendPressure;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One worker thread per node while push is configured: expands outbox rows and sends due
 * deliveries, resting {@code pollInterval} when there is nothing to do, and giving way to
 * sends waiting to be stored ({@code busyShare}): a backlog then waits in the outbox and
 * collapses, one delivery per device and group. Nodes share the work through
 * {@code SKIP LOCKED}, without a coordinator.
 */
@Component
class PushWorker implements SmartLifecycle {

	private final PushProperties properties;

	private final PollingLoop loop;

	PushWorker(OutboxExpander expander, PushSender sender, PushProperties properties,
			ObjectProvider<SendPressure> pressure) {
		this.properties = properties;
		this.loop = new PollingLoop("push-worker", properties.pollInterval(),
				() -> expander.step() > 0 | sender.step() > 0)
			.giveWay(pressure.getIfAvailable(() -> SendPressure.NONE), properties.busyShare());
	}

	@Override
	public void start() {
		if (properties.enabled()) {
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
