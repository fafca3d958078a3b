package dev.groupchat.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A check every message passes before it is stored, over REST and STOMP alike.
 * Implemented by modules that moderate (rate limits, keyword filters) without this module
 * depending on them. A guard refuses by throwing a
 * {@link dev.groupchat.shared.DomainException}; it must answer from memory, since it sits
 * on the send path of every message. Guards run only for a sender who may post in the
 * group, in their {@code @Order}: {@link #LIMITS} before {@link #CONTENT}, so that the
 * most expensive check, the content, runs last.
 */
public interface SendGuard {

	/**
	 * The order of the probation guard (no links or media from a member on probation):
	 * first, so that a refused message costs the sender no rate-limit token.
	 */
	int PROBATION = 50;

	/** The order of guards that count messages (rate limits). */
	int LIMITS = 100;

	/**
	 * The order of guards that read the text (keyword filters): the most expensive, last.
	 */
	int CONTENT = 200;

	void check(Attempt attempt);

	/**
	 * A message about to be stored; {@code probationUntil} is when the sender's probation
	 * in the group ends (null: not on probation).
	 */
	record Attempt(String senderId, UUID groupId, MessageType type, @Nullable String text, List<String> mentions,
			@Nullable Instant probationUntil) {

		/** Whether the sender is still on probation at {@code now}. */
		public boolean onProbationAt(Instant now) {
			return probationUntil != null && probationUntil.isAfter(now);
		}

	}

}
