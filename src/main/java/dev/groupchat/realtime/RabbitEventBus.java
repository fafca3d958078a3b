package dev.groupchat.realtime;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The multi-node bus: every committed event goes to one RabbitMQ direct exchange, routed by group
 * ({@code g.<groupId>}) or user ({@code u.<userId>}). Each node has its own exclusive queue and binds
 * it only to the groups it has subscribers of and the users it has sessions of, then fans out what
 * arrives to its own sessions. A node hears its own events the same way, so every node sees one
 * order per queue; the channels' seq ordering and gap filling from the database cover the rest.
 * Bindings are restored whenever the connection is re-established.
 */
class RabbitEventBus implements EventBus, BusInterest, MessageListener, ConnectionListener {

	private static final Logger log = LoggerFactory.getLogger(RabbitEventBus.class);

	private final RabbitTemplate rabbit;

	private final AmqpAdmin admin;

	private final Queue queue;

	private final String exchange;

	private final Fanout fanout;

	private final JsonMapper json;

	private final Set<String> bound = ConcurrentHashMap.newKeySet();

	RabbitEventBus(RabbitTemplate rabbit, AmqpAdmin admin, Queue queue, String exchange, Fanout fanout, JsonMapper json) {
		this.rabbit = rabbit;
		this.admin = admin;
		this.queue = queue;
		this.exchange = exchange;
		this.fanout = fanout;
		this.json = json;
	}

	@Override
	public void publish(BusEvent event) {
		String routingKey = event.kind() == BusEvent.Kind.USER ? user(event.userId()) : group(event.groupId());
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		rabbit.send(exchange, routingKey, new Message(json.writeValueAsBytes(event), properties));
	}

	@Override
	public void onMessage(Message message) {
		try {
			fanout.accept(json.readValue(message.getBody(), BusEvent.class));
		}
		catch (RuntimeException ex) {
			log.error("Dropping an unreadable bus event", ex);
		}
	}

	@Override
	public void groupWanted(UUID groupId) {
		bind(group(groupId));
	}

	@Override
	public void groupUnwanted(UUID groupId) {
		unbind(group(groupId));
	}

	@Override
	public void userWanted(String userId) {
		bind(user(userId));
	}

	@Override
	public void userUnwanted(String userId) {
		unbind(user(userId));
	}

	/** After a reconnect the exclusive queue is new: bind everything this node still wants. */
	@Override
	public void onCreate(org.springframework.amqp.rabbit.connection.Connection connection) {
		for (String key : bound) {
			try {
				admin.declareBinding(binding(key));
			}
			catch (RuntimeException ex) {
				log.warn("Could not restore binding {}: {}", key, ex.getMessage());
			}
		}
	}

	private void bind(String key) {
		bound.add(key);
		admin.declareBinding(binding(key));
	}

	private void unbind(String key) {
		bound.remove(key);
		try {
			admin.removeBinding(binding(key));
		}
		catch (RuntimeException ex) {
			log.debug("Could not remove binding {}: {}", key, ex.getMessage());
		}
	}

	private Binding binding(String key) {
		return new Binding(queue.getName(), Binding.DestinationType.QUEUE, exchange, key, null);
	}

	private static String group(UUID groupId) {
		return "g." + groupId;
	}

	private static String user(String userId) {
		return "u." + userId;
	}

}
