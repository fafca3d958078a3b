package dev.groupchat.privacy;

import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * One data export at a time per user (on this node): a second one while the first still
 * downloads is refused with 429. A turn is given back when the download ends, however it
 * ends; one never given back (which should not happen) lapses after {@link #LEASE},
 * beyond the longest download allowed.
 */
@Component
class ExportTurns {

	static final Duration LEASE = Duration.ofMinutes(35);

	private static final int RETRY_AFTER_SECONDS = 30;

	private final Map<String, Turn> running = new ConcurrentHashMap<>();

	private final Clock clock;

	ExportTurns(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Takes the user's turn, or refuses when an export of theirs is running; answers the
	 * turn.
	 */
	Turn take(String userId) {
		Turn turn = new Turn(userId, clock.instant());
		Turn held = running.compute(userId,
				(id, current) -> current == null || current.lapsed(turn.since()) ? turn : current);
		if (held != turn) {
			throw new DomainException(ProblemType.RATE_LIMITED,
					"an export of yours is still running; one export runs at a time per user",
					Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
		}
		return turn;
	}

	/**
	 * Gives the turn back; harmless when it had lapsed and another export took the user's
	 * turn.
	 */
	void giveBack(Turn turn) {
		running.remove(turn.userId(), turn);
	}

	/**
	 * One export's hold on its user's turn. Compared by identity: each take makes a new
	 * one.
	 */
	static final class Turn {

		private final String userId;

		private final Instant since;

		Turn(String userId, Instant since) {
			this.userId = userId;
			this.since = since;
		}

		String userId() {
			return userId;
		}

		Instant since() {
			return since;
		}

		boolean lapsed(Instant now) {
			return since.plus(LEASE).isBefore(now);
		}

	}

}
