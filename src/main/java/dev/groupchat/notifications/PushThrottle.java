package dev.groupchat.notifications;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The configured rate per provider on this node
 * ({@code groupchat.push.gateway-per-second}, {@code groupchat.push.fcm.per-second},
 * {@code groupchat.push.apns.per-second}): a token bucket each (Bucket4j), holding a
 * second's worth. A delivery that finds no token stays queued and is claimed again later;
 * a provider without a rate is never held back. Behind several nodes the rates add up:
 * divide by the node count.
 */
@Component
class PushThrottle {

	private final Map<Platform, Bucket> buckets = new EnumMap<>(Platform.class);

	PushThrottle(PushProperties properties) {
		add(Platform.GATEWAY, properties.gatewayPerSecond());
		add(Platform.FCM, properties.fcm().perSecond());
		add(Platform.APNS, properties.apns().perSecond());
	}

	private void add(Platform platform, int perSecond) {
		if (perSecond > 0) {
			buckets.put(platform, Bucket.builder()
				.addLimit(
						Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
				.build());
		}
	}

	/** Of {@code platforms}, those that may send now. */
	List<String> open(List<String> platforms) {
		return platforms.stream().filter(p -> {
			Bucket bucket = buckets.get(Platform.valueOf(p));
			return bucket == null || bucket.getAvailableTokens() > 0;
		}).toList();
	}

	/** Takes one send of {@code platform}; false when its rate is used up for now. */
	boolean take(Platform platform) {
		Bucket bucket = buckets.get(platform);
		return bucket == null || bucket.tryConsume(1);
	}

}
