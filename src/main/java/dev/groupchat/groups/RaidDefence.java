package dev.groupchat.groups;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Pauses an invite whose counting window saw more uses than
 * {@code groupchat.groups.raid.max-joins} and makes its group answer joins with join
 * requests, in the transaction of the join that tripped it (which then becomes a join
 * request itself). Counted in the invite's locked row, so several nodes count together.
 */
@Component
class RaidDefence {

	private static final Logger log = LoggerFactory.getLogger(RaidDefence.class);

	private final GroupsProperties.Raid raid;

	private final ApplicationEventPublisher events;

	RaidDefence(GroupsProperties properties, ApplicationEventPublisher events) {
		this.raid = properties.raid();
		this.events = events;
	}

	/**
	 * Counts one use of an invite whose row and group row the caller has locked; trips
	 * the defence when it was one too many.
	 */
	void use(Group lockedGroup, Invite lockedInvite, Instant now) {
		int uses = lockedInvite.use(now, raid.window());
		if (!raid.trippedBy(uses)) {
			return;
		}
		lockedInvite.pause(now);
		JoinPolicy previous = lockedGroup.requireApproval(now);
		// the code stays out of the log: it lets people in
		log.warn("raid defence paused an invite of group {} after {} joins in {} s; join policy was {}",
				lockedGroup.id(), uses, raid.window().toSeconds(), previous);
		events.publishEvent(new InvitePaused(lockedGroup.id(), lockedInvite.code(), uses, raid.window(), now, previous,
				lockedGroup.view()));
	}

}
