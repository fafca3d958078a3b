package dev.groupchat.privacy;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.groups.GroupAccess.RetentionPolicy;
import dev.groupchat.messaging.MessageErasure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every {@code groupchat.privacy.retention-interval}, turns the messages of each group
 * with a {@code retentionDays} that are older than that into tombstones, a batch per
 * short transaction. Safe to run on every node at once: a batch skips rows another one
 * holds.
 */
@Component
class RetentionJob implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private final GroupAccess groups;

	private final MessageErasure erasure;

	private final PrivacyProperties properties;

	private final Clock clock;

	RetentionJob(GroupAccess groups, MessageErasure erasure, PrivacyProperties properties, Clock clock) {
		this.groups = groups;
		this.erasure = erasure;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		Duration interval = properties.retentionInterval();
		registrar.addFixedDelayTask(new FixedDelayTask(this::runSafely, interval, interval));
	}

	/**
	 * One pass over every group with a retention period; answers the number of messages
	 * expired.
	 */
	int runOnce() {
		Instant now = clock.instant();
		int batch = properties.retentionBatchSize();
		int total = 0;
		for (RetentionPolicy policy : groups.retentionPolicies()) {
			Instant cutoff = now.minus(Duration.ofDays(policy.retentionDays()));
			total += erasure.expire(policy.groupId(), cutoff, batch);
		}
		return total;
	}

	private void runSafely() {
		try {
			int expired = runOnce();
			if (expired > 0) {
				log.info("Retention expired {} messages", expired);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Retention pass failed; the next one will retry", ex);
		}
	}

}
