package dev.groupchat.realtime;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.messaging.History;
import dev.groupchat.messaging.MessageView;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The groups that have subscribers on this node. A channel exists only while it has local
 * subscribers, which is also the set of groups a broker-backed bus needs to bind.
 */
@Component
class GroupChannels {

	private static final Logger log = LoggerFactory.getLogger(GroupChannels.class);

	private final Map<UUID, GroupChannel> channels = new ConcurrentHashMap<>();

	private final AtomicLong messageIds = new AtomicLong();

	private final GroupAccess access;

	private final History history;

	private final EventJson json;

	private final RealtimeProperties properties;

	GroupChannels(GroupAccess access, History history, EventJson json, RealtimeProperties properties) {
		this.access = access;
		this.history = history;
		this.json = json;
		this.properties = properties;
	}

	/**
	 * Subscribes a session to a group's topic; with {@code resumeAfter}, first replays the stored
	 * messages after it (or one {@code resync.required} when more than the limit were missed).
	 */
	void subscribe(StompSession session, String subscriptionId, UUID groupId, Long resumeAfter) {
		GroupChannel.Subscriber subscriber = new GroupChannel.Subscriber(session, subscriptionId, resumeAfter != null);
		long[] lastDelivered = new long[1];
		GroupChannel channel = channels.compute(groupId, (id, existing) -> {
			GroupChannel c = existing != null ? existing : new GroupChannel(id, access.lastSeq(id).orElse(0L));
			lastDelivered[0] = c.subscribe(subscriber);
			return c;
		});
		if (resumeAfter == null) {
			return;
		}
		long replayedUpTo = replay(subscriber, channel, resumeAfter, lastDelivered[0]);
		channel.live(subscriber, replayedUpTo);
	}

	private long replay(GroupChannel.Subscriber subscriber, GroupChannel channel, long after, long upTo) {
		if (upTo - after > properties.resumeLimit()) {
			subscriber.session.send(subscriber.prefix + frame(channel, 0, json.event("resync.required", channel.groupId,
					"fromSeq", after, "lastSeq", upTo)).shared());
			return upTo;
		}
		if (upTo > after) {
			for (MessageView message : history.between(channel.groupId, after, upTo, properties.resumeLimit())) {
				subscriber.session.send(subscriber.prefix + messageFrame(channel, message).shared());
			}
		}
		return upTo;
	}

	void unsubscribe(StompSession session, StompSession.Subscription subscription) {
		GroupChannel channel = channels.get(subscription.groupId());
		if (channel != null && channel.unsubscribe(session, subscription.id())) {
			channels.computeIfPresent(subscription.groupId(), (id, c) -> c.isEmpty() ? null : c);
		}
	}

	/** The user is no longer a member: their subscriptions to the group end now. */
	void drop(UUID groupId, String userId) {
		GroupChannel channel = channels.get(groupId);
		if (channel == null) {
			return;
		}
		for (GroupChannel.Subscriber dropped : channel.drop(userId)) {
			dropped.session.remove(dropped.subscriptionId);
		}
		channels.computeIfPresent(groupId, (id, c) -> c.isEmpty() ? null : c);
	}

	void publish(UUID groupId, long seq, String body) {
		GroupChannel channel = channels.get(groupId);
		if (channel != null) {
			channel.publish(frame(channel, seq, body));
		}
	}

	/** Fills gaps that waited too long (an event lost between commit and fan-out) from the database. */
	@Scheduled(fixedDelayString = "${groupchat.realtime.gap-check-interval:200}")
	void fillGaps() {
		long now = System.currentTimeMillis();
		for (GroupChannel channel : channels.values()) {
			long[] gap = channel.overdueGap(now, properties.gapTimeout().toMillis());
			if (gap != null) {
				log.debug("Filling seq gap ({}, {}) of group {} from the database", gap[0], gap[1], channel.groupId);
				history.between(channel.groupId, gap[0], gap[1] - 1, (int) (gap[1] - gap[0]))
					.forEach(message -> channel.publish(messageFrame(channel, message)));
			}
		}
	}

	int channelCount() {
		return channels.size();
	}

	int subscriberCount() {
		return channels.values().stream().mapToInt(GroupChannel::size).sum();
	}

	private GroupChannel.Frame messageFrame(GroupChannel channel, MessageView message) {
		return frame(channel, message.seq(), json.message("message.created", message));
	}

	private GroupChannel.Frame frame(GroupChannel channel, long seq, String body) {
		return new GroupChannel.Frame(seq,
				StompFrames.shared(channel.destination, "m-" + messageIds.incrementAndGet(), body));
	}

}
