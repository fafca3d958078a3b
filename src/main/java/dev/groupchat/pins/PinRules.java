package dev.groupchat.pins;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.messaging.History;
import dev.groupchat.messaging.MessageView;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** What may be pinned, and until when. */
@Component
class PinRules {

	/** Furthest ahead a pin's {@code until} may lie. */
	static final int MAX_UNTIL_DAYS = 3650;

	private final GroupAccess access;

	private final History history;

	PinRules(GroupAccess access, History history) {
		this.access = access;
		this.history = history;
	}

	/** {@code until} as given, if it lies in the future and not too far (else 400). */
	@Nullable Instant until(@Nullable Instant until, Instant now) {
		if (until == null) {
			return null;
		}
		if (!until.isAfter(now)) {
			throw PinProblems.untilNotInFuture();
		}
		if (until.isAfter(now.plus(Duration.ofDays(MAX_UNTIL_DAYS)))) {
			throw PinProblems.untilTooFar(MAX_UNTIL_DAYS);
		}
		return until;
	}

	/**
	 * The message, if it may be pinned: stored, not recalled, not past the group's
	 * retention period (whether or not the retention job has reached it yet); else 404.
	 */
	MessageView pinnable(UUID groupId, long seq, Instant now) {
		MessageView message = history.find(groupId, seq)
			.filter(found -> !found.deleted())
			.orElseThrow(() -> PinProblems.messageNotFound(seq));
		Optional<Integer> retentionDays = access.retentionDays(groupId);
		if (retentionDays.isPresent()
				&& message.createdAt().isBefore(now.minus(Duration.ofDays(retentionDays.get())))) {
			throw PinProblems.expired(seq);
		}
		return message;
	}

}
