package dev.groupchat.realtime;

import dev.groupchat.groups.GroupAccess;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * SUBSCRIBE and UNSUBSCRIBE: a group's topic for those who may read it (checked on
 * SUBSCRIBE against the database, never a cache; the fan-out itself never looks
 * membership up, it hears of lost access through the bus), and the caller's own queues.
 */
@Component
class StompSubscriptions {

	static final String RESUME_HEADER = "resume-after-seq";

	private final GroupAccess access;

	private final GroupChannels channels;

	StompSubscriptions(GroupAccess access, GroupChannels channels) {
		this.access = access;
		this.channels = channels;
	}

	void subscribe(StompSession session, StompHeaderAccessor headers) {
		String id = headers.getSubscriptionId();
		String destination = headers.getDestination();
		if (id == null || id.isBlank() || destination == null) {
			throw new StompRefusal(400, "SUBSCRIBE needs id and destination headers");
		}
		if (headers.getFirstNativeHeader("selector") != null) {
			throw new StompRefusal(400, "selectors are not supported");
		}
		String ack = headers.getFirstNativeHeader("ack");
		if (ack != null && !"auto".equals(ack)) {
			throw new StompRefusal(400, "only ack:auto is supported");
		}
		if (session.subscription(id).isPresent()) {
			throw new StompRefusal(400, "subscription id " + id + " is already in use");
		}
		if (UserQueues.EVENTS.equals(destination) || UserQueues.ACKS.equals(destination)) {
			session.add(new StompSession.Subscription(id, destination, null));
			return;
		}
		UUID groupId = Destinations.topic(destination)
			.orElseThrow(() -> new StompRefusal(403, "cannot subscribe to " + destination));
		Long resumeAfter = resumeAfter(headers);
		String userId = StompSession.connectedUser(session).id();
		session.add(new StompSession.Subscription(id, destination, groupId));
		try {
			// uncached: a standing cached on this node may not know yet of a ban decided
			// on another
			channels.subscribe(session, id, groupId, resumeAfter, () -> access.standing(groupId, userId).mayRead());
		}
		catch (RuntimeException ex) {
			session.remove(id);
			throw ex;
		}
	}

	private static @Nullable Long resumeAfter(StompHeaderAccessor headers) {
		String value = headers.getFirstNativeHeader(RESUME_HEADER);
		if (value == null) {
			return null;
		}
		try {
			long seq = Long.parseLong(value.trim());
			if (seq < 0) {
				throw new NumberFormatException();
			}
			return seq;
		}
		catch (NumberFormatException ex) {
			throw new StompRefusal(400, RESUME_HEADER + " must be a seq (0 or more)");
		}
	}

	void unsubscribe(StompSession session, StompHeaderAccessor headers) {
		String id = headers.getSubscriptionId();
		Optional<StompSession.Subscription> removed = id == null ? Optional.empty() : session.remove(id);
		removed.filter(s -> s.groupId() != null).ifPresent(s -> channels.unsubscribe(session, s));
	}

	void closed(StompSession session) {
		for (StompSession.Subscription subscription : session.subscriptions()) {
			if (subscription.groupId() != null) {
				channels.unsubscribe(session, subscription);
			}
		}
	}

}
