package dev.groupchat.realtime;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The STOMP endpoint.
 *
 * @param maxFrameSize largest frame accepted; larger ones get an ERROR
 * @param readBufferSize the container's read buffer per connection; frames arrive in
 * parts of this size
 * @param heartbeat the heart-beat the server offers in both directions
 * @param sendTimeout a session whose oldest unfinished write has waited this long is
 * closed (slow consumer); also bounds the blocking write of a close frame
 * @param sendBufferLimit bytes queued or being written for one session before it is
 * closed as a slow consumer
 * @param socketSendBuffer the kernel send buffer (SO_SNDBUF) of each accepted connection:
 * small, so that a client that stops reading shows up as unfinished writes instead of
 * hiding in the kernel
 * @param resumeLimit most messages replayed to a resuming subscriber before
 * {@code resync.required}
 * @param allowedOrigins browser origins allowed to open the WebSocket
 * @param gapTimeout how long an out-of-order event waits for the one before it before the
 * gap is filled from the database
 * @param connectTimeout a WebSocket that has not sent CONNECT within this time is closed
 * @param maxSubscriptionsPerSession subscriptions one session may hold
 * @param maxSubscriptionIdLength longest subscription id accepted (characters)
 * @param maxSessionsPerUser sessions one user may hold on this node; a CONNECT beyond is
 * refused
 * @param handshakesPerSecond WebSocket handshakes per client address per second (burst:
 * twice as many); beyond, 429 before the upgrade; 0 disables the limit
 * @param maxHeaders most headers a frame may carry
 * @param typingPerSecond typing frames per session per second (burst: 5 seconds' worth);
 * beyond, dropped
 * @param readsPerSecond read frames per session per second (burst: 5 seconds' worth);
 * beyond, dropped
 * @param groupQueueCapacity live events waiting to be fanned out in one group; beyond,
 * dropped (a message is recovered from the database by seq, other events are lost)
 * @param replayConcurrency resume replays running at once on this node
 * @param replayWait how long a resume waits for a free replay slot before it gets
 * {@code resync.required}
 * @param replaysPerSession replays one session may start in a burst (refilled at one a
 * second); beyond, {@code resync.required}
 * @param replayBacklog live events held for one subscriber while its replay is sent;
 * beyond, they are dropped and {@code resync.required} follows the replay
 */
@Validated
@ConfigurationProperties("groupchat.realtime")
record RealtimeProperties(@DefaultValue("64KB") DataSize maxFrameSize, @DefaultValue("1KB") DataSize readBufferSize,
		@DefaultValue("10s") Duration heartbeat, @DefaultValue("5s") @DurationMin(nanos = 1) Duration sendTimeout,
		@DefaultValue("512KB") DataSize sendBufferLimit, @DefaultValue("64KB") DataSize socketSendBuffer,
		@DefaultValue("1000") @Min(1) int resumeLimit, @DefaultValue("*") List<String> allowedOrigins,
		@DefaultValue("500ms") Duration gapTimeout,
		@DefaultValue("10s") @DurationMin(nanos = 1) Duration connectTimeout,
		@DefaultValue("200") @Min(1) int maxSubscriptionsPerSession,
		@DefaultValue("128") @Min(1) int maxSubscriptionIdLength, @DefaultValue("10") @Min(1) int maxSessionsPerUser,
		@DefaultValue("50") @Min(0) int handshakesPerSecond, @DefaultValue("50") @Min(1) int maxHeaders,
		@DefaultValue("1.0") @Positive double typingPerSecond, @DefaultValue("5.0") @Positive double readsPerSecond,
		@DefaultValue("10000") @Min(1) int groupQueueCapacity, @DefaultValue("16") @Min(1) int replayConcurrency,
		@DefaultValue("2s") Duration replayWait, @DefaultValue("50") @Min(1) int replaysPerSession,
		@DefaultValue("2000") @Min(1) int replayBacklog) {

	public RealtimeProperties {
		allowedOrigins = List.copyOf(allowedOrigins);
	}

	/** The limits each session enforces on itself. */
	SessionLimits sessionLimits() {
		return new SessionLimits(maxFrameSize.toBytes(), sendBufferLimit.toBytes(), maxSubscriptionsPerSession,
				maxSubscriptionIdLength, typingPerSecond, readsPerSecond, replaysPerSession);
	}

	record SessionLimits(long maxFrameSize, long sendBufferLimit, int maxSubscriptions, int maxSubscriptionIdLength,
			double typingPerSecond, double readsPerSecond, int replayBurst) {
	}

}
