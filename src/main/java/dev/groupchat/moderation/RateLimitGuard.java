package dev.groupchat.moderation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.groupchat.messaging.SendGuard;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) per user across all groups and per group, and for a member on
 * probation one more per member of that group, kept in memory on this node; idle buckets
 * expire. A refused send answers 429 with the seconds until a token is back.
 */
@Order(SendGuard.LIMITS)
@Component
class RateLimitGuard implements SendGuard {

	private final RateLimitProperties properties;

	private final Cache<String, Bucket> users = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(5))
		.recordStats()
		.build();

	private final Cache<UUID, Bucket> groups = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(5))
		.recordStats()
		.build();

	private final Cache<String, Bucket> newcomers = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(5))
		.recordStats()
		.build();

	private final Clock clock;

	RateLimitGuard(RateLimitProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void check(Attempt attempt) {
		if (!properties.enabled()) {
			return;
		}
		take(users.get(attempt.senderId(), id -> bucket(properties.userPerSecond(), properties.userBurst())),
				"you are sending messages too fast");
		if (attempt.onProbationAt(clock.instant())) {
			take(newcomers.get(attempt.groupId() + "/" + attempt.senderId(),
					key -> bucket(properties.probationPerMinute(), Duration.ofMinutes(1), properties.probationBurst())),
					"new members may send " + properties.probationPerMinute() + " messages a minute");
		}
		take(groups.get(attempt.groupId(), id -> bucket(properties.groupPerSecond(), properties.groupBurst())),
				"this group is receiving messages too fast");
	}

	private static void take(Bucket bucket, String detail) {
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
			throw new DomainException(ProblemType.RATE_LIMITED, detail + "; try again in " + retryAfter + " s",
					Map.of("retryAfterSeconds", retryAfter));
		}
	}

	private static Bucket bucket(int perSecond, int burst) {
		return bucket(perSecond, Duration.ofSeconds(1), burst);
	}

	private static Bucket bucket(int tokens, Duration period, int burst) {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(burst).refillGreedy(tokens, period).build())
			.build();
	}

	/** For {@code ModerationMetrics}. */
	Cache<?, ?> userBuckets() {
		return users;
	}

	/** For {@code ModerationMetrics}. */
	Cache<?, ?> groupBuckets() {
		return groups;
	}

	/** For {@code ModerationMetrics}. */
	Cache<?, ?> newcomerBuckets() {
		return newcomers;
	}

}
