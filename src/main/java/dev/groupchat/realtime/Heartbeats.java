package dev.groupchat.realtime;

import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once a second: sockets without CONNECT past the connect timeout closed, slow consumers
 * (a write unfinished past the send timeout) closed, sessions whose token expired closed,
 * heart-beats out, silent clients closed.
 */
@Component
class Heartbeats {

	private final StompEndpoint endpoint;

	private final StompCommands commands;

	private final RealtimeProperties properties;

	Heartbeats(StompEndpoint endpoint, StompCommands commands, RealtimeProperties properties) {
		this.endpoint = endpoint;
		this.commands = commands;
		this.properties = properties;
	}

	@Scheduled(fixedRate = 1_000)
	void sweep() {
		long now = System.currentTimeMillis();
		long nowNanos = System.nanoTime();
		long sendTimeout = properties.sendTimeout().toNanos();
		for (StompSession session : endpoint.sessions()) {
			if (session.writeOverdue(nowNanos, sendTimeout)) {
				session.close(CloseReason.SLOW_CONSUMER);
			}
			else if (!session.isConnected()) {
				connectDue(session, now);
			}
			else if (session.expiresAt() != null && !session.expiresAt().isAfter(Instant.ofEpochMilli(now))) {
				commands.refuse(session, 401, "the token has expired; reconnect with a new one",
						CloseReason.TOKEN_EXPIRED);
			}
			else if (!session.heartbeat(now)) {
				session.close(CloseReason.HEARTBEAT_TIMEOUT);
			}
		}
	}

	private void connectDue(StompSession session, long now) {
		if (session.connectOverdue(now, properties.connectTimeout().toMillis())) {
			commands.refuse(session, 401, "no CONNECT within " + properties.connectTimeout().toSeconds() + " s",
					CloseReason.CONNECT_TIMEOUT);
		}
	}

}
