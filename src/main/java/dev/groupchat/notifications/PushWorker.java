package dev.groupchat.notifications;

import dev.groupchat.shared.PollingLoop;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One worker thread per node while push is configured: expands outbox rows and sends due
 * deliveries, resting {@code pollInterval} when there is nothing to do. Nodes share the
 * work through {@code SKIP LOCKED}, without a coordinator.
 */
@Component
class PushWorker implements SmartLifecycle {

	private final PushProperties properties;

	private final PollingLoop loop;

	PushWorker(OutboxExpander expander, PushSender sender, PushProperties properties) {
		this.properties = properties;
		this.loop = new PollingLoop("push-worker", properties.pollInterval(),
				() -> expander.step() > 0 | sender.step() > 0);
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
