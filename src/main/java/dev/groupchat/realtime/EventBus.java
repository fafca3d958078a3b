package dev.groupchat.realtime;

/**
 * How committed events reach the fan-out of every node. The in-memory bus hands them straight to
 * this node's {@link Fanout}; a broker-backed bus (RabbitMQ) would carry them to every node that
 * has local subscribers of the group, and each node fans out to its own sessions.
 */
public interface EventBus {

	void publish(BusEvent event);

}
