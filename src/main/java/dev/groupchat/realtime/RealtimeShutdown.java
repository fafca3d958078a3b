package dev.groupchat.realtime;

import dev.groupchat.messaging.Messaging;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What a SIGTERM does to live clients. It runs after the web server stopped accepting
 * connections (graceful shutdown) and before it stops: new sends are answered with an
 * ERROR ack of type {@code unavailable} (retry), the messages already queued are stored
 * and acked, and then every STOMP session is closed with 1012 "service restart", which
 * tells a client to reconnect (to another node) and resume with {@code resume-after-seq}.
 * Each step is bounded, so the whole stays well within
 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
 */
@Component
class RealtimeShutdown implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RealtimeShutdown.class);

	/**
	 * RFC 6455 close code 1012: the server is restarting; the client should reconnect.
	 */

	private static final Duration DRAIN_LIMIT = Duration.ofSeconds(6);

	private static final Duration ACK_LIMIT = Duration.ofSeconds(2);

	private static final Duration CLOSE_LIMIT = Duration.ofSeconds(2);

	private final Messaging messaging;

	private final StompSends sends;

	private final StompEndpoint endpoint;

	private volatile boolean running;

	RealtimeShutdown(Messaging messaging, StompSends sends, StompEndpoint endpoint) {
		this.messaging = messaging;
		this.sends = sends;
		this.endpoint = endpoint;
	}

	@Override
	public void start() {
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		boolean drained = messaging.drain(DRAIN_LIMIT);
		boolean acked = sends.awaitIdle(ACK_LIMIT);
		int open = endpoint.sessions().size();
		endpoint.sessions().forEach(session -> session.close(CloseReason.SHUTDOWN));
		long deadline = System.nanoTime() + CLOSE_LIMIT.toNanos();
		while (!endpoint.sessions().isEmpty() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(10_000_000);
		}
		log.info("Shutdown: writer queue {}, sends {}, {} STOMP sessions closed with 1012 ({} still open)",
				drained ? "drained" : "NOT drained in " + DRAIN_LIMIT.toSeconds() + " s",
				acked ? "all answered" : "NOT all answered", open, endpoint.sessions().size());
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Between the web server's graceful shutdown (no new connections) and its stop
	 * (sockets cut).
	 */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE - 512;
	}

}
