package dev.groupchat.realtime;

/**
 * How committed events reach the fan-out of every node. The in-memory bus hands them
 * straight to this node's {@link Fanout}; a broker-backed bus (RabbitMQ) also carries
 * them to every node that has local subscribers of the group, and each node fans out to
 * its own sessions.
 */
public interface EventBus {

	/**
	 * Delivers an event to this node's sessions and hands it on to the other nodes. Never
	 * blocks on a broker and never throws: it runs after a commit, where a failure must
	 * not hold up an ack.
	 */
	void publish(BusEvent event);

	/**
	 * Whether events currently reach the other nodes: always for the single-node bus; for
	 * a broker the state of its connection. The {@code bus} health indicator reports it
	 * (a gauge can too).
	 */
	default boolean connected() {
		return true;
	}

}
