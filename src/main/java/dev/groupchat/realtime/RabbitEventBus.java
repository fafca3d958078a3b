package dev.groupchat.realtime;

import com.rabbitmq.client.ShutdownSignalException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * The multi-node bus: every committed event goes to one RabbitMQ direct exchange, routed
 * by group ({@code g.<groupId>}) or user ({@code u.<userId>}), block changes to every
 * node ({@code nodes.all}). Each node has its own exclusive queue and binds it only to
 * the groups it has subscribers of, the users it has sessions of and {@code nodes.all},
 * then fans out what arrives to its own sessions.
 *
 * <p>
 * A node delivers its own events to its own sessions directly, never through the broker,
 * and ignores them when the broker brings them back (each carries its origin node): a
 * broker outage does not stop live delivery between the users of one node. Publishing is
 * done by the {@link BusPublisher}, off the caller's thread. What the broker loses,
 * PostgreSQL has: the channels fill seq gaps from it, and {@link LastSeqCheck} finds a
 * lost last message. Bindings are restored whenever the connection is re-established.
 */
class RabbitEventBus implements EventBus, BusInterest, MessageListener, ConnectionListener {

	private static final Logger log = LoggerFactory.getLogger(RabbitEventBus.class);

	private final AmqpAdmin admin;

	private final Queue queue;

	private final String exchange;

	private final String origin;

	private final Fanout fanout;

	private final JsonMapper json;

	private @Nullable BusPublisher publisher;

	private final Set<String> bound = ConcurrentHashMap.newKeySet();

	private volatile boolean connected;

	private volatile boolean lost;

	RabbitEventBus(AmqpAdmin admin, Queue queue, String exchange, String origin, Fanout fanout, JsonMapper json) {
		this.admin = admin;
		this.queue = queue;
		this.exchange = exchange;
		this.origin = origin;
		this.fanout = fanout;
		this.json = json;
		// block changes: every node, whether it has the user's sessions or not
		bound.add(BusPublisher.ALL_NODES);
	}

	void publishWith(BusPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void publish(BusEvent event) {
		try {
			fanout.accept(event);
		}
		catch (RuntimeException ex) {
			log.error("Local delivery of a {} event failed", event.kind(), ex);
		}
		try {
			Objects.requireNonNull(publisher, "publisher").offer(event);
		}
		catch (RuntimeException ex) {
			log.error("Could not queue a {} event for the other nodes", event.kind(), ex);
		}
	}

	@Override
	public boolean connected() {
		return connected;
	}

	@Override
	public void onMessage(Message message) {
		if (!fromOtherNode(message)) {
			return;
		}
		try {
			fanout.accept(json.readValue(message.getBody(), BusEvent.class));
		}
		catch (RuntimeException ex) {
			log.error("Dropping a bus event that could not be delivered ({})", ex.getClass().getSimpleName());
		}
	}

	/**
	 * False for this node's own events, which the broker brings back and the bus then
	 * ignores.
	 */
	boolean fromOtherNode(Message message) {
		return !origin.equals(message.getMessageProperties().getHeader(BusPublisher.ORIGIN));
	}

	@Override
	public void groupWanted(UUID groupId) {
		bind("g." + groupId);
	}

	@Override
	public void groupUnwanted(UUID groupId) {
		unbind("g." + groupId);
	}

	@Override
	public void userWanted(String userId) {
		bind("u." + userId);
	}

	@Override
	public void userUnwanted(String userId) {
		unbind("u." + userId);
	}

	/**
	 * After a reconnect the exclusive queue is new: declare it and bind everything this
	 * node still wants.
	 */
	@Override
	public void onCreate(@Nullable Connection connection) {
		try {
			admin.declareQueue(queue);
		}
		catch (RuntimeException ex) {
			log.warn("Could not declare this node's bus queue: {}", ex.toString());
			return;
		}
		// from here on a new binding is declared by bind() itself; the loop covers those
		// from before
		connected = true;
		if (lost) {
			lost = false;
			log.info("Event bus: connected to RabbitMQ again; restoring {} bindings", bound.size());
		}
		for (String key : bound) {
			try {
				admin.declareBinding(binding(key));
			}
			catch (RuntimeException ex) {
				log.warn("Could not restore binding {}: {}", key, ex.toString());
			}
		}
	}

	@Override
	public void onClose(Connection connection) {
		connected = false;
	}

	@Override
	public void onShutDown(ShutdownSignalException signal) {
		if (signal.isInitiatedByApplication()) {
			connected = false;
		}
		else {
			disconnected();
		}
	}

	@Override
	public void onFailed(Exception exception) {
		disconnected();
	}

	private void disconnected() {
		connected = false;
		if (!lost) {
			lost = true;
			log.warn("Event bus: lost the connection to RabbitMQ; this node's sessions still get its own events,"
					+ " the other nodes' messages are read from PostgreSQL until it is back");
		}
	}

	/**
	 * While the broker is away only remembered; {@link #onCreate} binds it when it is
	 * back.
	 */
	private void bind(String key) {
		bound.add(key);
		if (connected) {
			try {
				admin.declareBinding(binding(key));
			}
			catch (RuntimeException ex) {
				log.warn("Could not bind {} now; it is bound when the connection is back: {}", key, ex.toString());
			}
		}
	}

	private void unbind(String key) {
		bound.remove(key);
		if (connected) {
			try {
				admin.removeBinding(binding(key));
			}
			catch (RuntimeException ex) {
				log.debug("Could not remove binding {}: {}", key, ex.toString());
			}
		}
	}

	private Binding binding(String key) {
		return new Binding(queue.getName(), Binding.DestinationType.QUEUE, exchange, key, null);
	}

}
