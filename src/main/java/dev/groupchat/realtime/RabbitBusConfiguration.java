package dev.groupchat.realtime;

import dev.groupchat.groups.GroupAccess;
import java.util.UUID;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several nodes, one PostgreSQL, events through RabbitMQ
 * ({@code groupchat.bus.type=rabbitmq}; the broker is configured with Spring Boot's
 * {@code spring.rabbitmq.*}, publisher confirms are always on).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "groupchat.bus.type", havingValue = "rabbitmq")
class RabbitBusConfiguration {

	static final String EXCHANGE = "groupchat.events";

	/** Tells this node's own events apart when the broker brings them back. */
	private final String nodeId = UUID.randomUUID().toString();

	/** The bus counts a publish as done only when the broker confirms it. */
	@Bean
	static BeanPostProcessor publisherConfirms() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof CachingConnectionFactory connections) {
					connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
				}
				return bean;
			}
		};
	}

	@Bean
	DirectExchange groupchatEvents() {
		return new DirectExchange(EXCHANGE, true, false);
	}

	/** This node's queue: exclusive and gone with the node. */
	@Bean
	Queue nodeQueue() {
		return QueueBuilder.nonDurable("groupchat.node." + nodeId).exclusive().autoDelete().build();
	}

	@Bean
	RabbitEventBus rabbitEventBus(AmqpAdmin admin, Queue nodeQueue, Fanout fanout, JsonMapper json,
			CachingConnectionFactory connections) {
		RabbitEventBus bus = new RabbitEventBus(admin, nodeQueue, EXCHANGE, nodeId, fanout, json);
		connections.addConnectionListener(bus);
		return bus;
	}

	@Bean
	BusPublisher busPublisher(RabbitTemplate rabbit, JsonMapper json, RabbitEventBus bus, BusProperties properties) {
		BusPublisher publisher = new BusPublisher(rabbit, EXCHANGE, nodeId, json, bus::connected, properties);
		bus.publishWith(publisher);
		return publisher;
	}

	@Bean
	LastSeqCheck lastSeqCheck(GroupChannels channels, GroupAccess access, TaskScheduler scheduler,
			BusProperties properties, RabbitEventBus bus) {
		return new LastSeqCheck(channels, access, scheduler, properties, bus);
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
		// during an outage, try to consume again after 0.5, 1, 2, 4 s, then every 4 s
		// (each try logs)
		ExponentialBackOff recovery = new ExponentialBackOff(500, 2);
		recovery.setMaxInterval(4_000);
		container.setRecoveryBackOff(recovery);
		container.setMissingQueuesFatal(false);
		return container;
	}

}
