package dev.groupchat.realtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * What operators watch on a node: connections, users, groups with live subscribers,
 * subscriptions.
 */
@Component
class RealtimeMetrics {

	RealtimeMetrics(MeterRegistry registry, StompEndpoint endpoint, UserQueues users, GroupChannels channels) {
		Gauge.builder("groupchat.realtime.sessions", endpoint, e -> e.sessions().size())
			.description("Open STOMP connections on this node")
			.register(registry);
		Gauge.builder("groupchat.realtime.users", users, UserQueues::connectedUsers)
			.description("Users with at least one connection on this node")
			.register(registry);
		Gauge.builder("groupchat.realtime.groups", channels, GroupChannels::channelCount)
			.description("Groups with live subscribers on this node (the bindings of a RabbitMQ bus)")
			.register(registry);
		Gauge.builder("groupchat.realtime.subscriptions", channels, GroupChannels::subscriberCount)
			.description("Subscriptions to group topics on this node")
			.register(registry);
	}

}
