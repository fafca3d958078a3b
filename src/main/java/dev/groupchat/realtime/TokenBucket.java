package dev.groupchat.realtime;

/**
 * A token bucket of one session's frames of one kind: {@code perSecond} tokens a second,
 * holding at most {@code burst}. A rate of 0 or less means no limit.
 */
final class TokenBucket {

	private final double perNano;

	private final double burst;

	private double tokens;

	private long refilledAt = System.nanoTime();

	TokenBucket(double perSecond, double burst) {
		this.perNano = perSecond / 1e9;
		this.burst = Math.max(1, burst);
		this.tokens = this.burst;
	}

	/** Takes a token if one is left. */
	synchronized boolean tryTake() {
		if (perNano <= 0) {
			return true;
		}
		refill();
		if (tokens < 1) {
			return false;
		}
		tokens -= 1;
		return true;
	}

	/** True when the bucket has refilled completely: forgetting it changes nothing. */
	synchronized boolean isFull() {
		refill();
		return tokens >= burst;
	}

	private void refill() {
		long now = System.nanoTime();
		tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
		refilledAt = now;
	}

}
