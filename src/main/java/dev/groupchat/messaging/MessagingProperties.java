package dev.groupchat.messaging;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The message writer.
 *
 * @param writers how many writer threads; each owns the groups that hash to it
 * @param maxBatch most messages stored in one transaction
 * @param queueCapacity messages waiting per writer before senders are told to retry (429)
 * @param enqueueTimeout how long a sender waits for room in a full queue
 * @param sendTimeout longest a sender waits for its message to be stored before it is
 * answered 503 "retry" (a database that stopped answering must not hold senders)
 * @param searchIndexing whether this node fills the search index ({@link SearchIndexer});
 * off, another node's sweep indexes what this one stored (at least one node must index)
 * @param historyReadPath whether history pages take the lean read path
 * ({@link HistoryReadPath}); off, every page goes through the filter chain and MVC
 */
@Validated
@ConfigurationProperties("groupchat.messaging")
record MessagingProperties(@DefaultValue("2") @Min(1) int writers, @DefaultValue("256") @Min(1) int maxBatch,
		@DefaultValue("20000") @Min(1) int queueCapacity,
		@DefaultValue("2s") @NotNull @DurationMin(nanos = 1) Duration enqueueTimeout,
		@DefaultValue("2s") @NotNull @DurationMin(nanos = 1) Duration sendTimeout,
		@DefaultValue("true") boolean searchIndexing, @DefaultValue("true") boolean historyReadPath) {

}
