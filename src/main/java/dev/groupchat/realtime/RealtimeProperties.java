package dev.groupchat.realtime;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The STOMP endpoint.
 *
 * @param maxFrameSize largest frame accepted; larger ones get an ERROR
 * @param readBufferSize the container's read buffer per connection; frames arrive in parts of this size
 * @param heartbeat the heart-beat the server offers in both directions
 * @param sendTimeLimit a session whose socket accepts nothing for this long is closed (slow consumer)
 * @param sendBufferLimit bytes queued for one session before it is closed as a slow consumer
 * @param resumeLimit most messages replayed to a resuming subscriber before {@code resync.required}
 * @param allowedOrigins browser origins allowed to open the WebSocket
 * @param gapTimeout how long an out-of-order event waits for the one before it before the gap is
 *        filled from the database
 */
@ConfigurationProperties("groupchat.realtime")
public record RealtimeProperties(DataSize maxFrameSize, DataSize readBufferSize, Duration heartbeat, Duration sendTimeLimit,
		DataSize sendBufferLimit, Integer resumeLimit, List<String> allowedOrigins, Duration gapTimeout) {

	public RealtimeProperties {
		maxFrameSize = maxFrameSize == null ? DataSize.ofKilobytes(64) : maxFrameSize;
		readBufferSize = readBufferSize == null ? DataSize.ofKilobytes(2) : readBufferSize;
		heartbeat = heartbeat == null ? Duration.ofSeconds(10) : heartbeat;
		sendTimeLimit = sendTimeLimit == null ? Duration.ofSeconds(5) : sendTimeLimit;
		sendBufferLimit = sendBufferLimit == null ? DataSize.ofKilobytes(512) : sendBufferLimit;
		resumeLimit = resumeLimit == null ? 1_000 : resumeLimit;
		allowedOrigins = allowedOrigins == null ? List.of("*") : List.copyOf(allowedOrigins);
		gapTimeout = gapTimeout == null ? Duration.ofMillis(500) : gapTimeout;
	}

}
