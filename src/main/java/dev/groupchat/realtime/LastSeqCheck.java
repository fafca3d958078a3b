package dev.groupchat.realtime;

import dev.groupchat.groups.GroupAccess;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Finds messages the broker lost that no later message reveals: the last message of a
 * group that then went quiet. Every interval, one query reads the last seq of every group
 * this node has subscribers of; a channel that is still behind a seq it was already
 * behind at the previous check fetches the missing messages from PostgreSQL. A message in
 * flight through the broker is thus never fetched twice, and a lost one arrives within
 * two intervals.
 * <p>
 * While this node is cut off from the broker, and once more at the first check after it
 * is back, the events that end subscriptions (a kick, a ban, a group gone private) may
 * have been lost too: before any message is caught up, every local subscriber is checked
 * again against PostgreSQL, so nobody removed on another node reads what was posted
 * after.
 */
final class LastSeqCheck implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LastSeqCheck.class);

	private final GroupChannels channels;

	private final GroupAccess access;

	private final TaskScheduler scheduler;

	private final BusProperties properties;

	private final EventBus bus;

	private volatile boolean cutOffAtLastCheck;

	private volatile @Nullable ScheduledFuture<?> task;

	LastSeqCheck(GroupChannels channels, GroupAccess access, TaskScheduler scheduler, BusProperties properties,
			EventBus bus) {
		this.bus = bus;
		this.channels = channels;
		this.access = access;
		this.scheduler = scheduler;
		this.properties = properties;
	}

	void check() {
		boolean cutOff = !bus.connected();
		boolean recheck = cutOff || cutOffAtLastCheck;
		cutOffAtLastCheck = cutOff;
		Set<UUID> groups = channels.groupIds();
		if (groups.isEmpty()) {
			return;
		}
		if (recheck) {
			channels.recheckAll();
		}
		try {
			channels.catchUp(access.lastSeqs(groups));
		}
		catch (RuntimeException ex) {
			log.warn("Last-seq check failed: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		task = scheduler.scheduleWithFixedDelay(this::check, properties.lastSeqCheckInterval());
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = task;
		if (running != null) {
			running.cancel(false);
		}
		task = null;
	}

	@Override
	public boolean isRunning() {
		return task != null;
	}

}
