package dev.groupchat.realtime;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The event bus between nodes.
 *
 * @param type {@code local} (one node) or {@code rabbitmq} (several nodes through a
 * broker)
 * @param lastSeqCheckInterval how often a node compares, in one query, the last seq of
 * every group it has subscribers of with what it delivered, and fetches from PostgreSQL
 * what the broker lost (the last message of a group that then went quiet has no later one
 * to reveal the gap)
 * @param publishBuffer events waiting to be published to the broker; beyond it they are
 * dropped (and counted): the senders' acks never wait for the broker
 * @param confirmTimeout how long a publish waits for the broker's confirm before it
 * counts as lost
 */
@Validated
@ConfigurationProperties("groupchat.bus")
record BusProperties(@DefaultValue("local") @Pattern(regexp = "local|rabbitmq") String type,
		@DefaultValue("2s") @NotNull @DurationMin(nanos = 1) Duration lastSeqCheckInterval,
		@DefaultValue("10000") @Min(1) int publishBuffer,
		@DefaultValue("5s") @NotNull @DurationMin(nanos = 1) Duration confirmTimeout) {

}
