package dev.groupchat.moderation;

import dev.groupchat.messaging.MessageType;
import dev.groupchat.messaging.SendGuard;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A member on probation (came in by themselves less than
 * {@code groupchat.groups.probation} ago) posts neither media (VIDEO_SHARE, IMAGE) nor
 * links: a raid's first wave cannot spam the group with them. Refused with 403
 * {@code probation}, saying when probation ends. Their slower rate is
 * {@link RateLimitGuard}'s.
 */
@Order(SendGuard.PROBATION)
@Component
class ProbationGuard implements SendGuard {

	private final Clock clock;

	ProbationGuard(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void check(Attempt attempt) {
		Instant now = clock.instant();
		Instant until = attempt.probationUntil();
		if (until == null || !attempt.onProbationAt(now)) {
			return;
		}
		if (attempt.type() == MessageType.VIDEO_SHARE || attempt.type() == MessageType.IMAGE) {
			throw refused("videos and images", until, now);
		}
		if (Links.in(attempt.text())) {
			throw refused("links", until, now);
		}
	}

	private static DomainException refused(String what, Instant until, Instant now) {
		long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
		return new DomainException(ProblemType.PROBATION,
				"new members may not post " + what + " yet; probation ends in " + seconds + " s",
				Map.of("probationUntil", until.toString(), "remainingSeconds", seconds));
	}

}
