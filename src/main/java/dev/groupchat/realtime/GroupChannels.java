package dev.groupchat.realtime;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.messaging.History;
import dev.groupchat.messaging.MessageView;
import dev.groupchat.shared.Traces;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The groups that have subscribers on this node. A channel exists only while it has local
 * subscribers, which is also the set of groups a broker-backed bus needs to bind. Fan-out
 * runs on a pool with one thread per core.
 */
@Component
class GroupChannels implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(GroupChannels.class);

	private final Map<UUID, GroupChannel> channels = new ConcurrentHashMap<>();

	private final AtomicLong messageIds = new AtomicLong();

	private final ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
			ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);

	private final GroupAccess access;

	private final History history;

	private final EventJson json;

	private final RealtimeProperties properties;

	private final BusInterest interest;

	/**
	 * Resume replays running on this node (each holds up to a thousand messages until
	 * written).
	 */
	private final Semaphore replays;

	private final RealtimeMeters meters;

	private final Traces traces;

	GroupChannels(GroupAccess access, History history, EventJson json, RealtimeProperties properties,
			@Lazy BusInterest interest, RealtimeMeters meters, Traces traces) {
		this.traces = traces;
		this.interest = interest;
		this.meters = meters;
		this.access = access;
		this.history = history;
		this.json = json;
		this.properties = properties;
		this.replays = new Semaphore(properties.replayConcurrency());
	}

	/**
	 * Subscribes a session to a group's topic if {@code mayRead} (read uncached: a
	 * standing cached here may not know yet of a ban on another node); with
	 * {@code resumeAfter}, first replays the stored messages after it (or one
	 * {@code resync.required} when more than the limit were missed). Returns once the
	 * subscription is in place. Nothing is delivered before access is certain: when
	 * access was revoked here between the check and the subscriber's arrival (or this
	 * node only now started to hear the group's events), {@code mayRead} is asked again.
	 * @throws StompRefusal 403 when the user may not read the group
	 */
	void subscribe(StompSession session, String subscriptionId, UUID groupId, @Nullable Long resumeAfter,
			BooleanSupplier mayRead) {
		GroupChannel known = channels.get(groupId);
		long revocationsSeen = known == null ? -1 : known.revocations();
		if (!mayRead.getAsBoolean()) {
			throw refused();
		}
		GroupChannel.Subscriber subscriber = new GroupChannel.Subscriber(session, subscriptionId, true,
				properties.replayBacklog());
		GroupChannel channel = channels.compute(groupId, (id, existing) -> {
			GroupChannel c = existing;
			if (c == null) {
				interest.groupWanted(id);
				c = new GroupChannel(id, access.lastSeq(id).orElse(0L), pool, properties.groupQueueCapacity(), meters,
						traces);
			}
			c.reserve();
			return c;
		});
		long lastDelivered = await(channel.subscribe(subscriber));
		boolean confirmed = false;
		try {
			confirmed = channel == known && channel.revocations() == revocationsSeen || mayRead.getAsBoolean();
		}
		finally {
			if (!confirmed) {
				subscriber.end(null);
				channel.remove(session, subscriptionId, () -> removeIfEmpty(channel));
			}
		}
		if (!confirmed) {
			throw refused();
		}
		if (resumeAfter != null) {
			replay(subscriber, channel, resumeAfter, lastDelivered);
		}
		channel.live(subscriber, lastDelivered, (from, upTo) -> resync(channel, from, upTo));
	}

	private static StompRefusal refused() {
		return new StompRefusal(403, "only members may subscribe to this group");
	}

	private static <T> T await(CompletableFuture<T> added) {
		try {
			return added.get(10, TimeUnit.SECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			throw new CompletionException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CompletionException(ex);
		}
	}

	/**
	 * Replays the stored messages after {@code after}, within the bounds: more missed
	 * than the resume limit, no replay budget left in the session, or no free replay slot
	 * on the node within the wait each answer one {@code resync.required} instead (the
	 * client then pages the REST history).
	 */
	private void replay(GroupChannel.Subscriber subscriber, GroupChannel channel, long after, long upTo) {
		if (upTo <= after) {
			return;
		}
		if (upTo - after > properties.resumeLimit() || !subscriber.session.replayAllowed() || !replaySlot()) {
			subscriber.sendNow(resync(channel, after, upTo));
			return;
		}
		try {
			long queueAtMost = properties.sendBufferLimit().toBytes() / 2;
			List<MessageView> missed = history.between(channel.groupId, after, upTo, properties.resumeLimit());
			meters.replayed(missed.size());
			Set<String> moderators = moderatorsIfShadowed(channel, missed);
			for (MessageView message : missed) {
				// up to a thousand frames at once would overflow the send queue: go at
				// the client's pace
				if (!subscriber.session.awaitQueuedAtMost(queueAtMost, properties.sendTimeout())) {
					subscriber.session.close(CloseReason.SLOW_CONSUMER);
					return;
				}
				subscriber.sendNow(messageFrame(channel, message, moderators));
			}
		}
		finally {
			replays.release();
		}
	}

	private boolean replaySlot() {
		try {
			return replays.tryAcquire(properties.replayWait().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private GroupChannel.Frame resync(GroupChannel channel, long from, long upTo) {
		meters.resyncRequired();
		return frame(channel, 0, json.event("resync.required", channel.groupId, "fromSeq", from, "lastSeq", upTo));
	}

	void unsubscribe(StompSession session, StompSession.Subscription subscription) {
		GroupChannel channel = channels.get(subscription.groupId());
		if (channel != null) {
			channel.remove(session, subscription.id(), () -> removeIfEmpty(channel));
		}
	}

	/**
	 * The user may no longer read the group: their subscriptions to it end now, each with
	 * the event {@code ended} (when given) as its last frame.
	 */
	void drop(UUID groupId, String userId, @Nullable String ended) {
		end(groupId, s -> userId.equals(s.userId()), ended);
	}

	/**
	 * Nobody may read the group any more (it was deleted): every subscription to it ends
	 * now.
	 */
	void dropAll(UUID groupId, @Nullable String ended) {
		end(groupId, s -> true, ended);
	}

	/**
	 * Who may read the group changed for others than its members (it stopped being
	 * public): each local subscriber is checked against the database and those who may no
	 * longer read are ended. When the check fails, they are all ended (they may subscribe
	 * again, and are checked then).
	 */
	void recheck(UUID groupId, @Nullable String ended) {
		GroupChannel channel = channels.get(groupId);
		if (channel == null) {
			return;
		}
		Set<String> subscribed = await(channel.revoking());
		Set<String> readers;
		try {
			readers = access.readersAmong(groupId, subscribed);
		}
		catch (RuntimeException ex) {
			log.warn("Could not check the readers of group {}; ending its subscriptions: {}", groupId, ex.getMessage());
			readers = Set.of();
		}
		Set<String> mayRead = readers;
		end(groupId, s -> subscribed.contains(s.userId()) && !mayRead.contains(s.userId()), ended);
	}

	/**
	 * Checks every local subscriber again ({@link #recheck}), for when events that end
	 * subscriptions may have been lost (this node was cut off from the bus). One query
	 * per group with subscribers.
	 */
	void recheckAll() {
		for (UUID groupId : groupIds()) {
			recheck(groupId, json.event("subscription.ended", groupId, "reason", "ACCESS_LOST"));
		}
	}

	private void end(UUID groupId, Predicate<GroupChannel.Subscriber> which, @Nullable String ended) {
		GroupChannel channel = channels.get(groupId);
		if (channel != null) {
			GroupChannel.Frame last = ended == null ? null : frame(channel, 0, ended);
			channel.remove(which, s -> {
				s.end(last);
				s.session.remove(s.subscriptionId);
			}, () -> removeIfEmpty(channel));
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
		publish(groupId, seq, body, null, null);
	}

	/**
	 * Delivers an event to the group's local subscribers; one about a user's message
	 * ({@code subjectId}) is hidden from those who blocked them, and when
	 * {@code audience} is given (also without a subject: a member event of a group whose
	 * member list is hidden), from everyone outside it ({@link GroupChannel.Hiding}). The
	 * trace in scope (the writer's batch span for a message) goes with it to the fan-out.
	 */
	void publish(UUID groupId, long seq, String body, @Nullable String subjectId, @Nullable List<String> audience) {
		GroupChannel channel = channels.get(groupId);
		if (channel != null) {
			String messageId = "m-" + messageIds.incrementAndGet();
			channel.publish(new GroupChannel.Frame(seq, StompFrames.shared(channel.destination, messageId, body),
					System.nanoTime(),
					hiding(channel, messageId, subjectId, audience == null ? null : Set.copyOf(audience)),
					traces.current()));
		}
	}

	private static GroupChannel.@Nullable Hiding hiding(GroupChannel channel, String messageId,
			@Nullable String subjectId, @Nullable Set<String> audience) {
		return subjectId == null && audience == null ? null
				: new GroupChannel.Hiding(subjectId, audience, channel.groupId, channel.destination, messageId);
	}

	/**
	 * Fills gaps that waited too long (an event lost between commit and fan-out) from the
	 * database.
	 */
	@Scheduled(fixedDelayString = "${groupchat.realtime.gap-check-interval:200}")
	void fillGaps() {
		long now = System.currentTimeMillis();
		for (GroupChannel channel : channels.values()) {
			channel.fillOverdueGap(now, properties.gapTimeout().toMillis(), (after, before) -> {
				meters.gapFilled();
				return stored(channel, after, before);
			});
		}
	}

	/** The stored messages with {@code after < seq < before}, as frames. */
	private List<GroupChannel.Frame> stored(GroupChannel channel, long after, long before) {
		List<MessageView> messages = history.between(channel.groupId, after, before - 1, (int) (before - after));
		Set<String> moderators = moderatorsIfShadowed(channel, messages);
		return messages.stream().map(message -> messageFrame(channel, message, moderators)).toList();
	}

	/**
	 * The group's OWNER and ADMINs when one of the messages is a shadow-muted member's
	 * (they are its audience), else nobody: read from the database only then.
	 */
	private Set<String> moderatorsIfShadowed(GroupChannel channel, List<MessageView> messages) {
		return messages.stream().anyMatch(MessageView::shadow) ? access.moderatorIds(channel.groupId) : Set.of();
	}

	/**
	 * Compares the stored last seqs of groups with what their channels delivered, and
	 * fetches what a channel still misses since the previous call (see
	 * {@link GroupChannel#catchUp}).
	 */
	void catchUp(Map<UUID, Long> storedLastSeqs) {
		storedLastSeqs.forEach((groupId, lastSeq) -> {
			GroupChannel channel = channels.get(groupId);
			if (channel != null) {
				channel.catchUp(lastSeq, properties.resumeLimit(), (after, before) -> stored(channel, after, before));
			}
		});
	}

	/** The groups with subscribers on this node. */
	Set<UUID> groupIds() {
		return Set.copyOf(channels.keySet());
	}

	int channelCount() {
		return channels.size();
	}

	int subscriberCount() {
		return channels.values().stream().mapToInt(GroupChannel::size).sum();
	}

	private GroupChannel.Frame messageFrame(GroupChannel channel, MessageView message, Set<String> moderators) {
		String messageId = "m-" + messageIds.incrementAndGet();
		return new GroupChannel.Frame(message.seq(),
				StompFrames.shared(channel.destination, messageId, json.message("message.created", message)), 0,
				hiding(channel, messageId, Audiences.subject(message), Audiences.of(message, moderators)));
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
