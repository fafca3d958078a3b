package dev.groupchat.pins;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.messaging.History;
import dev.groupchat.messaging.MessageView;
import dev.groupchat.messaging.Messaging;
import dev.groupchat.messaging.SystemEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pinning and unpinning (OWNER, ADMIN) and listing the pins (whoever may read the group).
 * Each change runs under the group's pin lock, writes its SYSTEM message in the same
 * transaction and publishes {@link PinChanged}.
 */
@Service
class Pins {

	/** Most pins one group holds. */
	static final int MAX_PINS = 10;

	private final GroupAccess access;

	private final History history;

	private final PinRules rules;

	private final Messaging messaging;

	private final PinStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Pins(GroupAccess access, History history, PinRules rules, Messaging messaging, PinStore store,
			ApplicationEventPublisher events, Clock clock) {
		this.access = access;
		this.history = history;
		this.rules = rules;
		this.messaging = messaging;
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	/** Result of {@link #pin}: the pin, and whether this call created it. */
	record Pinned(PinView pin, boolean created) {
	}

	/**
	 * Pins the message, or replaces its pin's {@code until} and announcement mark (PUT
	 * semantics: what the request leaves out is reset). Marking an announcement unmarks
	 * the previous one.
	 */
	@Transactional
	Pinned pin(CurrentUser user, UUID groupId, long seq, PinRequest request) {
		requireModerator(user, groupId, "pin messages");
		Instant now = clock.instant();
		Instant until = rules.until(request.until(), now);
		MessageView message = rules.pinnable(groupId, seq, now);
		store.lock(groupId);
		store.removeExpired(groupId, now);
		Optional<PinStore.Pin> before = store.find(groupId, seq, now);
		if (before.isEmpty() && store.count(groupId, now) >= MAX_PINS) {
			throw PinProblems.tooMany(MAX_PINS);
		}
		boolean announcement = Boolean.TRUE.equals(request.announcement());
		if (announcement) {
			store.clearAnnouncement(groupId, seq);
		}
		PinView pin = store.save(groupId, seq, user.id(), now, until, announcement).view(message);
		tellPinned(groupId, user.id(), seq, before, announcement);
		events.publishEvent(new PinChanged(groupId, seq, before.isEmpty() ? PinChange.PINNED : PinChange.UPDATED, pin,
				user.id(), announcement ? Long.valueOf(seq) : announcementSeq(groupId, now)));
		return new Pinned(pin, before.isEmpty());
	}

	/** Unpins the message; unpinning one that is not pinned changes nothing. */
	@Transactional
	void unpin(CurrentUser user, UUID groupId, long seq) {
		requireModerator(user, groupId, "unpin messages");
		Instant now = clock.instant();
		store.lock(groupId);
		boolean live = store.find(groupId, seq, now).isPresent();
		if (!store.delete(groupId, seq) || !live) {
			return;
		}
		tell(groupId, user.id(), "message.unpinned", seq);
		events.publishEvent(
				new PinChanged(groupId, seq, PinChange.UNPINNED, null, user.id(), announcementSeq(groupId, now)));
	}

	/**
	 * The group's pins in force with their messages: the announcement first, then the
	 * latest pinned first. Two statements, whatever the number of pins.
	 */
	@Transactional(readOnly = true)
	List<PinView> list(CurrentUser user, UUID groupId) {
		access.cachedStanding(groupId, user.id()).requireReader(groupId);
		List<PinStore.Pin> pins = store.list(groupId, clock.instant());
		Map<Long, MessageView> messages = history.findAll(groupId, pins.stream().map(PinStore.Pin::seq).toList())
			.stream()
			.filter(message -> !message.deleted())
			.collect(Collectors.toMap(MessageView::seq, Function.identity()));
		return pins.stream()
			.filter(pin -> messages.containsKey(pin.seq()))
			.map(pin -> pin.view(Objects.requireNonNull(messages.get(pin.seq()))))
			.toList();
	}

	private void requireModerator(CurrentUser user, UUID groupId, String what) {
		if (!access.standing(groupId, user.id()).requireMember(groupId).isModerator()) {
			throw PinProblems.notModerator(what);
		}
	}

	private @Nullable Long announcementSeq(UUID groupId, Instant now) {
		return store.announcements(List.of(groupId), now).get(groupId);
	}

	/**
	 * A new pin writes {@code message.pinned}; a pin that becomes the announcement
	 * {@code announcement.set} instead; other changes write nothing.
	 */
	private void tellPinned(UUID groupId, String actorId, long seq, Optional<PinStore.Pin> before,
			boolean announcement) {
		if (announcement && !before.map(PinStore.Pin::announcement).orElse(false)) {
			tell(groupId, actorId, "announcement.set", seq);
		}
		else if (before.isEmpty()) {
			tell(groupId, actorId, "message.pinned", seq);
		}
	}

	private void tell(UUID groupId, String actorId, String event, long seq) {
		messaging.postSystem(groupId, actorId, new SystemEvent(event, actorId, List.of(), null, seq));
	}

}
