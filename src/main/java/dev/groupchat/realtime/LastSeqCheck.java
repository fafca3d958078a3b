package dev.groupchat.realtime;

import dev.groupchat.groups.GroupAccess;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Finds messages the broker lost that no later message reveals: the last message of a group that
 * then went quiet. Every interval, one query reads the last seq of every group this node has
 * subscribers of; a channel that is still behind a seq it was already behind at the previous check
 * fetches the missing messages from PostgreSQL. A message in flight through the broker is thus
 * never fetched twice, and a lost one arrives within two intervals.
 */
final class LastSeqCheck implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LastSeqCheck.class);

	private final GroupChannels channels;

	private final GroupAccess access;

	private final TaskScheduler scheduler;

	private final BusProperties properties;

	private volatile ScheduledFuture<?> task;

	LastSeqCheck(GroupChannels channels, GroupAccess access, TaskScheduler scheduler, BusProperties properties) {
		this.channels = channels;
		this.access = access;
		this.scheduler = scheduler;
		this.properties = properties;
	}

	void check() {
		java.util.Set<UUID> groups = channels.groupIds();
		if (groups.isEmpty()) {
			return;
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
