package dev.groupchat.messaging;

import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.util.Map;

/** The refusals of this module. */
final class MessagingProblems {

	private MessagingProblems() {
	}

	static DomainException notAllowedToPost(String why) {
		return new DomainException(ProblemType.NOT_POSTING_ALLOWED, why);
	}

	static DomainException muted(String why) {
		return new SendRefused(SendMetrics.Refusal.MUTED, ProblemType.NOT_POSTING_ALLOWED, why, Map.of());
	}

	static DomainException busy() {
		return new SendRefused(SendMetrics.Refusal.BUSY, ProblemType.RATE_LIMITED,
				"the server is busy; retry in a second", Map.of("retryAfterSeconds", 1));
	}

	static DomainException slowMode(int seconds, long retryAfter) {
		return new SendRefused(SendMetrics.Refusal.SLOW_MODE, ProblemType.RATE_LIMITED,
				"slow mode: one message every " + seconds + " seconds; try again in " + retryAfter + " s",
				Map.of("retryAfterSeconds", retryAfter));
	}

	/**
	 * This node is shutting down: the client resends (on another node) after
	 * reconnecting.
	 */
	static DomainException restarting() {
		return new DomainException(ProblemType.UNAVAILABLE, "the server is restarting; nothing was stored, send again",
				Map.of("retryAfterSeconds", 1));
	}

	static DomainException tooManyReactions(int limit) {
		return DomainException
			.conflict("a message holds at most " + limit + " different emoji; react with one it already has");
	}

	static DomainException messageNotFound(long seq) {
		return DomainException.notFound("message", seq);
	}

	/**
	 * Thrown inside the send transaction to roll it back when the message already exists.
	 */
	static final class Duplicate extends RuntimeException {

		Duplicate() {
			super(null, null, false, false);
		}

	}

}
