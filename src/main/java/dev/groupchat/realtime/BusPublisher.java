package dev.groupchat.realtime;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes bus events to RabbitMQ on a thread of its own, so that the thread that
 * committed them (a message writer about to ack a batch) never waits for the broker nor
 * sees its errors. The buffer is bounded: when it is full, events are dropped and
 * counted. Every publish is confirmed by the broker; an unconfirmed one is counted
 * ({@link PublishStats}). While the connection is down, messages (events with a seq) are
 * not buffered: the other nodes read them from PostgreSQL (gap filling and the last-seq
 * check). Other events wait in the buffer and are retried until the broker is back. Each
 * message carries the time it was offered ({@link #OFFERED_AT}), from which the receiving
 * nodes measure the bus lag.
 */
final class BusPublisher implements SmartLifecycle {

	static final String ORIGIN = "groupchat-origin";

	/**
	 * Microseconds since the epoch at which the event was offered: committed, and
	 * delivered on this node.
	 */
	static final String OFFERED_AT = "groupchat-offered-at";

	private static final int MAX_UNCONFIRMED = 5_000;

	private final RabbitTemplate rabbit;

	private final String exchange;

	private final String origin;

	private final JsonMapper json;

	private final BooleanSupplier connected;

	private final Duration confirmTimeout;

	private final BlockingQueue<Offered> buffer;

	private final Semaphore unconfirmed = new Semaphore(MAX_UNCONFIRMED);

	private final PublishStats stats;

	private volatile boolean running;

	private @Nullable Thread thread;

	BusPublisher(RabbitTemplate rabbit, String exchange, String origin, JsonMapper json, BooleanSupplier connected,
			BusProperties properties) {
		this.rabbit = rabbit;
		this.exchange = exchange;
		this.origin = origin;
		this.json = json;
		this.connected = connected;
		this.confirmTimeout = properties.confirmTimeout();
		this.buffer = new ArrayBlockingQueue<>(properties.publishBuffer());
		this.stats = new PublishStats(buffer::size);
	}

	/** Queues an event for the broker; never blocks and never throws. */
	void offer(BusEvent event) {
		if (recoverable(event) && !connected.getAsBoolean()) {
			stats.dropped(null);
			return;
		}
		if (!buffer.offer(new Offered(event, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now())))) {
			stats.dropped("the publish buffer is full");
		}
	}

	/** An event waiting in the buffer, with the time it was offered. */
	private record Offered(BusEvent event, long atMicros) {
	}

	/** Events the other nodes can read from PostgreSQL by seq. */
	private static boolean recoverable(BusEvent event) {
		return event.kind() == BusEvent.Kind.GROUP && event.seq() > 0;
	}

	private void run() {
		while (running) {
			try {
				Offered event = buffer.poll(200, TimeUnit.MILLISECONDS);
				if (event != null) {
					publishUntilDone(event);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				stats.failed("publishing failed", ex);
			}
		}
		for (Offered event = buffer.poll(); event != null; event = buffer.poll()) {
			tryPublish(event);
		}
	}

	/**
	 * Retries an event that PostgreSQL cannot replace until it is out or the node stops.
	 */
	private void publishUntilDone(Offered event) throws InterruptedException {
		long backoffMillis = 100;
		while (!tryPublish(event) && running && !recoverable(event.event())) {
			Thread.sleep(backoffMillis);
			backoffMillis = Math.min(backoffMillis * 2, 2_000);
		}
	}

	private boolean tryPublish(Offered offered) {
		try {
			if (!unconfirmed.tryAcquire(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				stats.failed("the broker confirms nothing", null);
				return false;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		try {
			CorrelationData confirm = new CorrelationData();
			rabbit.send(exchange, routingKey(offered.event()), message(offered), confirm);
			confirm.getFuture()
				.orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)
				.whenComplete((result, error) -> {
					unconfirmed.release();
					if (error != null || !result.isAck()) {
						stats.unconfirmed(error);
					}
				});
			return true;
		}
		catch (RuntimeException ex) {
			unconfirmed.release();
			stats.failed("publishing failed", ex);
			return false;
		}
	}

	private Message message(Offered offered) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setHeader(ORIGIN, origin);
		properties.setHeader(OFFERED_AT, offered.atMicros());
		return new Message(json.writeValueAsBytes(offered.event()), properties);
	}

	/** The routing key every node's queue is bound to. */
	static final String ALL_NODES = "nodes.all";

	static String routingKey(BusEvent event) {
		return event.forAllNodes() ? ALL_NODES : event.forUser() ? "u." + event.userId() : "g." + event.groupId();
	}

	PublishStats stats() {
		return stats;
	}

	int waiting() {
		return buffer.size();
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofPlatform().name("bus-publisher").daemon().start(this::run);
	}

	@Override
	public void stop() {
		running = false;
		if (thread == null) {
			return;
		}
		try {
			thread.join(2_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		thread.interrupt();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Stops after the message writers (phase 0), so what they commit on shutdown is still
	 * published.
	 */
	@Override
	public int getPhase() {
		return -100;
	}

}
