package dev.groupchat.groups;

import dev.groupchat.identity.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A member's own settings for a group: what notifies them, mute, pin and archive. */
@Service
class OwnSettings {

	private final Groups groups;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OwnSettings(Groups groups, ApplicationEventPublisher events, Clock clock) {
		this.groups = groups;
		this.events = events;
		this.clock = clock;
	}

	/** Changes the caller's settings (members only) and tells their other sessions. */
	@Transactional
	MemberSettings change(CurrentUser user, UUID groupId, SettingsChange change) {
		Actor actor = groups.actor(groupId, user.id()).requireMember();
		Instant now = clock.instant();
		actor.membership().changeSettings(change, now);
		MemberSettings settings = actor.membership().settings(actor.group(), now);
		events.publishEvent(new MemberSettingsChanged(groupId, user.id(), settings));
		return settings;
	}

}
