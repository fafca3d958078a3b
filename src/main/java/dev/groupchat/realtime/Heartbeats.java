package dev.groupchat.realtime;

import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/** Once a second: heart-beats out, silent clients closed, sessions whose token expired closed. */
@Component
class Heartbeats {

	private final StompEndpoint endpoint;

	private final StompCommands commands;

	Heartbeats(StompEndpoint endpoint, StompCommands commands) {
		this.endpoint = endpoint;
		this.commands = commands;
	}

	@Scheduled(fixedRate = 1_000)
	void sweep() {
		long now = System.currentTimeMillis();
		Instant instant = Instant.ofEpochMilli(now);
		for (StompSession session : endpoint.sessions()) {
			if (!session.isConnected()) {
				continue;
			}
			if (session.expiresAt() != null && !session.expiresAt().isAfter(instant)) {
				session.closingBecause(DisconnectReason.TOKEN_EXPIRED);
				commands.refuse(session, 401, "the token has expired; reconnect with a new one");
			}
			else if (!session.heartbeat(now)) {
				session.close(CloseStatus.SESSION_NOT_RELIABLE);
			}
		}
	}

}
