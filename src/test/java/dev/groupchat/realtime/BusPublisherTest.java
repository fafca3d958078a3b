package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The publisher in front of a broker that is not there (a real client against a loopback
 * port nobody listens on): the committing thread is never held up, and what cannot wait
 * is dropped and counted, not queued without bound.
 */
class BusPublisherTest {

	private final CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", closedPort());

	private final BusPublisher publisher = new BusPublisher(new RabbitTemplate(connections), "groupchat.events",
			"node-1", JsonMapper.builder().build(), () -> false,
			new BusProperties("rabbitmq", Duration.ofSeconds(2), 3, Duration.ofSeconds(1)));

	@AfterEach
	void stop() {
		publisher.stop();
		connections.destroy();
	}

	@Test
	void offeringNeverWaitsForAMissingBrokerAndTheBufferStaysBounded() {
		publisher.start();
		UUID groupId = UUID.randomUUID();
		long started = System.nanoTime();
		for (int seq = 1; seq <= 500; seq++) {
			publisher.offer(BusEvent.toGroup(groupId, seq, "{\"seq\":" + seq + "}"));
		}
		for (int i = 0; i < 20; i++) {
			publisher.offer(BusEvent.toUser("bob", "{\"type\":\"member.joined\"}"));
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
		// messages are left to PostgreSQL; other events wait, at most the buffer's size
		// of them
		assertThat(publisher.waiting()).isLessThanOrEqualTo(3);
		assertThat(publisher.stats().dropped()).isGreaterThanOrEqualTo(500 + 20 - 3 - 1);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
