package dev.groupchat.realtime;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.messaging.History;
import dev.groupchat.messaging.MessageView;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The groups that have subscribers on this node. A channel exists only while it has local
 * subscribers, which is also the set of groups a broker-backed bus needs to bind. Fan-out runs on a
 * pool with one thread per core.
 */
@Component
class GroupChannels implements DisposableBean {

	private final Map<UUID, GroupChannel> channels = new ConcurrentHashMap<>();

	private final AtomicLong messageIds = new AtomicLong();

	private final ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
			ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);

	private final GroupAccess access;

	private final History history;

	private final EventJson json;

	private final RealtimeProperties properties;

	private final BusInterest interest;

	private final RealtimeMeters meters;

	GroupChannels(GroupAccess access, History history, EventJson json, RealtimeProperties properties,
			@org.springframework.context.annotation.Lazy BusInterest interest, RealtimeMeters meters) {
		this.interest = interest;
		this.meters = meters;
		this.access = access;
		this.history = history;
		this.json = json;
		this.properties = properties;
	}

	/**
	 * Subscribes a session to a group's topic; with {@code resumeAfter}, first replays the stored
	 * messages after it (or one {@code resync.required} when more than the limit were missed).
	 * Returns once the subscription is in place.
	 */
	void subscribe(StompSession session, String subscriptionId, UUID groupId, Long resumeAfter) {
		GroupChannel.Subscriber subscriber = new GroupChannel.Subscriber(session, subscriptionId, resumeAfter != null);
		GroupChannel channel = channels.compute(groupId, (id, existing) -> {
			GroupChannel c = existing;
			if (c == null) {
				interest.groupWanted(id);
				c = new GroupChannel(id, access.lastSeq(id).orElse(0L), pool, meters);
			}
			c.reserve();
			return c;
		});
		long lastDelivered = await(channel.subscribe(subscriber));
		if (resumeAfter != null) {
			replay(subscriber, channel, resumeAfter, lastDelivered);
			channel.live(subscriber, lastDelivered);
		}
	}

	private static long await(java.util.concurrent.CompletableFuture<Long> added) {
		try {
			return added.get(10, TimeUnit.SECONDS);
		}
		catch (TimeoutException | java.util.concurrent.ExecutionException ex) {
			throw new CompletionException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CompletionException(ex);
		}
	}

	private void replay(GroupChannel.Subscriber subscriber, GroupChannel channel, long after, long upTo) {
		if (upTo - after > properties.resumeLimit()) {
			meters.resyncRequired();
			subscriber.sendNow(frame(channel, 0, json.event("resync.required", channel.groupId, "fromSeq", after,
					"lastSeq", upTo)));
			return;
		}
		if (upTo > after) {
			long queueAtMost = properties.sendBufferLimit().toBytes() / 2;
			List<MessageView> missed = history.between(channel.groupId, after, upTo, properties.resumeLimit());
			meters.replayed(missed.size());
			for (MessageView message : missed) {
				// up to a thousand frames at once would overflow the send queue: go at the client's pace
				if (!subscriber.session.awaitQueuedAtMost(queueAtMost, properties.sendTimeLimit())) {
					subscriber.session.close(StompSession.SLOW_CONSUMER);
					return;
				}
				subscriber.sendNow(messageFrame(channel, message));
			}
		}
	}

	void unsubscribe(StompSession session, StompSession.Subscription subscription) {
		GroupChannel channel = channels.get(subscription.groupId());
		if (channel != null) {
			channel.remove(session, subscription.id(), () -> removeIfEmpty(channel));
		}
	}

	/** The user is no longer allowed to read the group: their subscriptions to it end now. */
	void drop(UUID groupId, String userId) {
		GroupChannel channel = channels.get(groupId);
		if (channel != null) {
			channel.remove(s -> s.session.user() != null && s.session.user().id().equals(userId),
					s -> s.session.remove(s.subscriptionId), () -> removeIfEmpty(channel));
		}
	}

	private void removeIfEmpty(GroupChannel channel) {
		channels.computeIfPresent(channel.groupId, (id, c) -> {
			if (c == channel && c.size() == 0) {
				interest.groupUnwanted(id);
				return null;
			}
			return c;
		});
	}

	void publish(UUID groupId, long seq, String body) {
		GroupChannel channel = channels.get(groupId);
		if (channel != null) {
			channel.publish(new GroupChannel.Frame(seq,
					StompFrames.shared(channel.destination, "m-" + messageIds.incrementAndGet(), body), System.nanoTime()));
		}
	}

	/** Fills gaps that waited too long (an event lost between commit and fan-out) from the database. */
	@Scheduled(fixedDelayString = "${groupchat.realtime.gap-check-interval:200}")
	void fillGaps() {
		long now = System.currentTimeMillis();
		for (GroupChannel channel : channels.values()) {
			channel.fillOverdueGap(now, properties.gapTimeout().toMillis(),
					(after, before) -> gapFilled(channel, after, before));
		}
	}

	private List<GroupChannel.Frame> gapFilled(GroupChannel channel, long after, long before) {
		meters.gapFilled();
		return history.between(channel.groupId, after, before - 1, (int) (before - after))
						.stream()
						.map(message -> messageFrame(channel, message))
						.toList();
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

	@Override
	public void destroy() {
		pool.shutdownNow();
	}

}
