package dev.groupchat.realtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
@ConfigurationProperties("groupchat.bus")
record BusProperties(@DefaultValue("local") String type, @DefaultValue("2s") Duration lastSeqCheckInterval,
		@DefaultValue("10000") int publishBuffer, @DefaultValue("5s") Duration confirmTimeout) {

}
