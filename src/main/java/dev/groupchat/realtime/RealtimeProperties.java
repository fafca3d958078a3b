package dev.groupchat.realtime;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

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
@ConfigurationProperties("groupchat.realtime")
record RealtimeProperties(DataSize maxFrameSize, DataSize readBufferSize, Duration heartbeat, Duration sendTimeout,
		DataSize sendBufferLimit, DataSize socketSendBuffer, Integer resumeLimit, List<String> allowedOrigins,
		Duration gapTimeout, Duration connectTimeout, Integer maxSubscriptionsPerSession,
		Integer maxSubscriptionIdLength, Integer maxSessionsPerUser, Integer handshakesPerSecond, Integer maxHeaders,
		Double typingPerSecond, Double readsPerSecond, Integer groupQueueCapacity, Integer replayConcurrency,
		Duration replayWait, Integer replaysPerSession, Integer replayBacklog) {

	public RealtimeProperties {
		maxFrameSize = maxFrameSize == null ? DataSize.ofKilobytes(64) : maxFrameSize;
		readBufferSize = readBufferSize == null ? DataSize.ofKilobytes(2) : readBufferSize;
		heartbeat = heartbeat == null ? Duration.ofSeconds(10) : heartbeat;
		sendTimeout = sendTimeout == null ? Duration.ofSeconds(5) : sendTimeout;
		sendBufferLimit = sendBufferLimit == null ? DataSize.ofKilobytes(512) : sendBufferLimit;
		socketSendBuffer = socketSendBuffer == null ? DataSize.ofKilobytes(64) : socketSendBuffer;
		resumeLimit = resumeLimit == null ? 1_000 : resumeLimit;
		allowedOrigins = allowedOrigins == null ? List.of("*") : List.copyOf(allowedOrigins);
		gapTimeout = gapTimeout == null ? Duration.ofMillis(500) : gapTimeout;
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
		maxSubscriptionsPerSession = maxSubscriptionsPerSession == null ? 200 : maxSubscriptionsPerSession;
		maxSubscriptionIdLength = maxSubscriptionIdLength == null ? 128 : maxSubscriptionIdLength;
		maxSessionsPerUser = maxSessionsPerUser == null ? 10 : maxSessionsPerUser;
		handshakesPerSecond = handshakesPerSecond == null ? 50 : handshakesPerSecond;
		maxHeaders = maxHeaders == null ? 50 : maxHeaders;
		typingPerSecond = typingPerSecond == null ? 1.0 : typingPerSecond;
		readsPerSecond = readsPerSecond == null ? 5.0 : readsPerSecond;
		groupQueueCapacity = groupQueueCapacity == null ? 10_000 : groupQueueCapacity;
		replayConcurrency = replayConcurrency == null ? 16 : replayConcurrency;
		replayWait = replayWait == null ? Duration.ofSeconds(2) : replayWait;
		replaysPerSession = replaysPerSession == null ? 50 : replaysPerSession;
		replayBacklog = replayBacklog == null ? 2_000 : replayBacklog;
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
