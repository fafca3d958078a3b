package dev.groupchat.realtime;

import java.util.UUID;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several nodes, one PostgreSQL, events through RabbitMQ ({@code groupchat.bus.type=rabbitmq}; the
 * broker is configured with Spring Boot's {@code spring.rabbitmq.*}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "groupchat.bus.type", havingValue = "rabbitmq")
class RabbitBusConfiguration {

	static final String EXCHANGE = "groupchat.events";

	@Bean
	DirectExchange groupchatEvents() {
		return new DirectExchange(EXCHANGE, true, false);
	}

	/** This node's queue: exclusive and gone with the node. */
	@Bean
	Queue nodeQueue() {
		return QueueBuilder.nonDurable("groupchat.node." + UUID.randomUUID()).exclusive().autoDelete().build();
	}

	@Bean
	RabbitEventBus rabbitEventBus(RabbitTemplate rabbit, AmqpAdmin admin, Queue nodeQueue, Fanout fanout,
			JsonMapper json, CachingConnectionFactory connections) {
		RabbitEventBus bus = new RabbitEventBus(rabbit, admin, nodeQueue, EXCHANGE, fanout, json);
		connections.addConnectionListener(bus);
		return bus;
	}

	/** One consumer: the node's queue is delivered in order. */
	@Bean
	SimpleMessageListenerContainer nodeQueueListener(CachingConnectionFactory connections, Queue nodeQueue,
			RabbitEventBus bus) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
		container.setQueues(nodeQueue);
		container.setMessageListener(bus);
		container.setConcurrentConsumers(1);
		container.setPrefetchCount(500);
		return container;
	}

}
