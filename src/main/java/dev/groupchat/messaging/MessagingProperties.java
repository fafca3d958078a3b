package dev.groupchat.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The message writer.
 *
 * @param writers how many writer threads; each owns the groups that hash to it
 * @param maxBatch most messages stored in one transaction
 * @param queueCapacity messages waiting per writer before senders are told to retry (429)
 * @param enqueueTimeout how long a sender waits for room in a full queue
 * @param sendTimeout longest a sender waits for its message to be stored before it is
 * answered 503 "retry" (a database that stopped answering must not hold senders)
 */
@ConfigurationProperties("groupchat.messaging")
record MessagingProperties(Integer writers, Integer maxBatch, Integer queueCapacity, Duration enqueueTimeout,
		Duration sendTimeout) {

	public MessagingProperties {
		writers = writers == null ? 2 : writers;
		maxBatch = maxBatch == null ? 256 : maxBatch;
		queueCapacity = queueCapacity == null ? 20_000 : queueCapacity;
		enqueueTimeout = enqueueTimeout == null ? Duration.ofSeconds(2) : enqueueTimeout;
		sendTimeout = sendTimeout == null ? Duration.ofSeconds(2) : sendTimeout;
	}

}
