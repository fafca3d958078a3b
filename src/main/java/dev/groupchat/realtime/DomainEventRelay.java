package dev.groupchat.realtime;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.groups.GroupDeleted;
import dev.groupchat.groups.GroupKind;
import dev.groupchat.groups.GroupUpdated;
import dev.groupchat.groups.InvitePaused;
import dev.groupchat.groups.JoinRequestDecided;
import dev.groupchat.groups.MemberBanned;
import dev.groupchat.groups.MemberJoined;
import dev.groupchat.groups.MemberLeft;
import dev.groupchat.groups.MemberMuted;
import dev.groupchat.groups.MemberRoleChanged;
import dev.groupchat.groups.MemberSettingsChanged;
import dev.groupchat.groups.ReadMarked;
import dev.groupchat.groups.Visibility;
import dev.groupchat.messaging.MessageEdited;
import dev.groupchat.messaging.MessagePosted;
import dev.groupchat.messaging.MessageRecalled;
import dev.groupchat.messaging.MessageView;
import dev.groupchat.messaging.PollUpdated;
import dev.groupchat.messaging.ReactionChanged;
import dev.groupchat.moderation.KeywordFilterChanged;
import dev.groupchat.pins.PinChanged;
import dev.groupchat.safety.BlockChanged;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns the domain modules' events into live events, after their transaction commits, so
 * that no client ever sees something that was rolled back. Each event is serialized here,
 * once. Whatever takes away read access (a leave, kick or ban, the group going private or
 * being deleted) also ends the affected subscriptions on every node, each with a last
 * {@code subscription.ended} event. Events about a user's message carry its sender and,
 * for a shadow-muted member's message, its audience, so that every node hides them from
 * whom it must ({@link GroupChannel.Hiding}); events that name a member (joined, left,
 * updated, read) of a group whose member list is hidden carry an audience of the member
 * and the moderators.
 */
@Component
class DomainEventRelay {

	private final EventBus bus;

	private final EventJson json;

	private final EventBodies bodies;

	private final GroupAccess access;

	DomainEventRelay(EventBus bus, EventJson json, EventBodies bodies, GroupAccess access) {
		this.bus = bus;
		this.json = json;
		this.bodies = bodies;
		this.access = access;
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MessagePosted event) {
		publishAbout(event.message(), event.message().seq(), bodies.messageCreated(event.message()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MessageEdited event) {
		publishAbout(event.message(), 0, json.message("message.edited", event.message()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MessageRecalled event) {
		publishAbout(event.message(), 0, bodies.messageDeleted(event.message()));
	}

	/**
	 * The moderators are read only for a shadow-muted member's message (rare): every
	 * other message costs nothing here.
	 */
	private void publishAbout(MessageView message, long seq, String body) {
		List<String> audience = message.shadow() ? Audiences.list(message, access.moderatorIds(message.groupId()))
				: null;
		bus.publish(BusEvent.toGroup(message.groupId(), seq, body, Audiences.subject(message), audience));
	}

	/**
	 * {@code {"type": "reaction.changed", "groupId", "seq", "emoji", "count", "userId",
	 * "added"}} with {@code count} as each reader sees it. A shadow-muted member's
	 * reaction reaches only them (counting their own) and the OWNER and ADMINs (counting
	 * all, {@code "shadow": true}). Any other reaction goes to the group with the public
	 * count; when the emoji also has shadow reactions (rare: only then are the moderators
	 * read), the moderators and those shadow reactors get the count as they see it right
	 * after, on the same channel, so the last event each of them gets is theirs.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(ReactionChanged event) {
		if (event.shadow()) {
			publishReaction(event, event.reactorCount(), false, List.of(event.userId()));
			List<String> moderators = others(access.moderatorIds(event.groupId()), Set.of(event.userId()));
			if (!moderators.isEmpty()) {
				publishReaction(event, event.fullCount(), true, moderators);
			}
			return;
		}
		publishReaction(event, event.count(), false, null);
		if (event.shadowCount() > 0) {
			Set<String> moderators = access.moderatorIds(event.groupId());
			publishReaction(event, event.fullCount(), false, List.copyOf(moderators));
			List<String> reactors = others(Set.copyOf(event.shadowReactors()), moderators);
			if (!reactors.isEmpty()) {
				publishReaction(event, event.count() + 1, false, reactors);
			}
		}
	}

	private void publishReaction(ReactionChanged event, int count, boolean shadow, @Nullable List<String> audience) {
		String body = shadow
				? json.event("reaction.changed", event.groupId(), "seq", event.seq(), "emoji", event.emoji(), "count",
						count, "userId", event.userId(), "added", event.added(), "shadow", true)
				: json.event("reaction.changed", event.groupId(), "seq", event.seq(), "emoji", event.emoji(), "count",
						count, "userId", event.userId(), "added", event.added());
		bus.publish(BusEvent.toGroup(event.groupId(), 0, body, event.userId(), audience));
	}

	private static List<String> others(Set<String> users, Set<String> except) {
		return users.stream().filter(id -> !except.contains(id)).toList();
	}

	/** To the blocker's sessions on every node; the blocked user hears nothing. */
	@TransactionalEventListener(fallbackExecution = true)
	void on(BlockChanged event) {
		bus.publish(BusEvent.blockChanged(event.blockerId(), event.blockedId(), event.blocked()));
	}

	/**
	 * {@code {"type": "poll.updated", "groupId", "seq", "poll"}}: throttled by the
	 * messaging module to one a second per poll.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(PollUpdated event) {
		bus.publish(BusEvent.toGroup(event.groupId(), 0,
				json.event("poll.updated", event.groupId(), "seq", event.seq(), "poll", event.poll())));
	}

	/**
	 * {@code {"type": "pin.changed", "groupId", "seq", "change", "pin", "announcementSeq",
	 * "by"}}: to the group's topic, so only those who may read the group.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(PinChanged event) {
		bus.publish(BusEvent.toGroup(event.groupId(), 0,
				json.event("pin.changed", event.groupId(), "seq", event.seq(), "change", event.change(), "pin",
						event.pin(), "announcementSeq", event.announcementSeq(), "by", event.by())));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MemberJoined event) {
		String body = bodies.memberJoined(event);
		publishAboutMember(event.groupId(), event.member().userId(), event.membersHidden(), body);
		bus.publish(BusEvent.toUser(event.member().userId(), body));
	}

	/**
	 * An event that names a member, to the group's topic: to everyone, or when the
	 * group's member list is hidden only to the member and the group's OWNER and ADMINs
	 * (read then, from their partial index), so that the list cannot be rebuilt from live
	 * events.
	 */
	private void publishAboutMember(UUID groupId, String userId, boolean membersHidden, String body) {
		if (!membersHidden) {
			bus.publish(BusEvent.toGroup(groupId, 0, body));
			return;
		}
		Set<String> audience = new HashSet<>(access.moderatorIds(groupId));
		audience.add(userId);
		bus.publish(BusEvent.toGroup(groupId, 0, body, null, List.copyOf(audience)));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MemberLeft event) {
		String reason = event.reason().name();
		bus.publish(BusEvent.dropMember(event.groupId(), event.userId(), ended(event.groupId(), reason)));
		String body = bodies.memberLeft(event);
		publishAboutMember(event.groupId(), event.userId(), event.membersHidden(), body);
		bus.publish(BusEvent.toUser(event.userId(), body));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MemberBanned event) {
		// a banned member also left (MemberLeft); a banned non-member may still read a
		// public group
		bus.publish(BusEvent.dropMember(event.groupId(), event.userId(), ended(event.groupId(), "BANNED")));
		bus.publish(BusEvent.toUser(event.userId(), bodies.memberBanned(event)));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MemberRoleChanged event) {
		publishAboutMember(event.groupId(), event.member().userId(), event.membersHidden(),
				json.event("member.updated", event.groupId(), "member", event.member(), "by", event.by()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MemberMuted event) {
		publishAboutMember(event.groupId(), event.member().userId(), event.membersHidden(),
				json.event("member.updated", event.groupId(), "member", event.member(), "by", event.by()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(GroupUpdated event) {
		bus.publish(BusEvent.toGroup(event.groupId(), 0,
				json.event("group.updated", event.groupId(), "group", event.group(), "by", event.by())));
		if (event.group().kind() == GroupKind.FAN && event.group().visibility() == Visibility.PRIVATE) {
			// it may have been public a moment ago: readers who are no members lose
			// access now
			bus.publish(BusEvent.recheckReaders(event.groupId(), ended(event.groupId(), "VISIBILITY_PRIVATE")));
		}
	}

	/**
	 * {@code {"type": "invite.paused", "groupId", "code", "joins", "windowSeconds",
	 * "pausedAt", "joinPolicy"}} to the OWNER's and ADMINs' own sessions only (the code
	 * lets people in; members do not see it); the group hears {@code group.updated}
	 * ({@code "by": null}, the server) when its join policy changed.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(InvitePaused event) {
		String body = json.event("invite.paused", event.groupId(), "code", event.code(), "joins", event.joins(),
				"windowSeconds", event.window().toSeconds(), "pausedAt", event.pausedAt(), "joinPolicy",
				event.group().joinPolicy());
		for (String moderatorId : access.moderatorIds(event.groupId())) {
			bus.publish(BusEvent.toUser(moderatorId, body));
		}
		if (event.joinPolicyChanged()) {
			bus.publish(BusEvent.toGroup(event.groupId(), 0,
					json.event("group.updated", event.groupId(), "group", event.group(), "by", null)));
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(KeywordFilterChanged event) {
		bus.publish(BusEvent.toGroup(event.groupId(), 0,
				json.event("group.updated", event.groupId(), "keywordFilterChanged", true, "by", event.by())));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(GroupDeleted event) {
		String body = json.event("group.deleted", event.groupId(), "by", event.by());
		bus.publish(BusEvent.toGroup(event.groupId(), 0, body));
		bus.publish(BusEvent.dropGroup(event.groupId(), ended(event.groupId(), "GROUP_DELETED")));
		for (String memberId : event.memberIds()) {
			bus.publish(BusEvent.toUser(memberId, body));
		}
	}

	/**
	 * The last event of a subscription that ended because its user may no longer read the
	 * group.
	 */
	private String ended(UUID groupId, String reason) {
		return json.event("subscription.ended", groupId, "reason", reason);
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ReadMarked event) {
		publishAboutMember(event.groupId(), event.userId(), event.membersHidden(),
				json.event("read", event.groupId(), "userId", event.userId(), "seq", event.seq()));
	}

	/** Only to the member's own sessions: their settings are nobody else's business. */
	@TransactionalEventListener(fallbackExecution = true)
	void on(MemberSettingsChanged event) {
		bus.publish(BusEvent.toUser(event.userId(),
				json.event("member.settings", event.groupId(), "settings", event.settings())));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(JoinRequestDecided event) {
		bus.publish(BusEvent.toUser(event.userId(),
				json.event("join_request.decided", event.groupId(), "approved", event.approved(), "by", event.by())));
	}

}
