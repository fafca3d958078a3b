package dev.groupchat.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether the writers should try the database at all. Once a batch fails because the
 * database did not answer (down, paused, restarting), the circuit opens: sends are
 * refused at once with a 503 "retry" instead of each waiting seconds for a connection
 * that will not come, and one background probe tries a connection every
 * {@link #PROBE_INTERVAL} until the database answers again.
 */
@Component
class StoreCircuit {

	private static final Logger log = LoggerFactory.getLogger(StoreCircuit.class);

	static final Duration PROBE_INTERVAL = Duration.ofMillis(250);

	private static final int PROBE_TIMEOUT_SECONDS = 1;

	private final DataSource dataSource;

	private final AtomicBoolean open = new AtomicBoolean();

	StoreCircuit(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	boolean isOpen() {
		return open.get();
	}

	/** Opens the circuit (once) and starts probing for the database's return. */
	void trip(String why) {
		if (open.compareAndSet(false, true)) {
			log.warn("Database unavailable ({}): refusing sends with 503 until it answers again", why);
			Thread.ofVirtual().name("store-circuit-probe").start(this::probeUntilBack);
		}
	}

	private void probeUntilBack() {
		while (open.get()) {
			try {
				Thread.sleep(PROBE_INTERVAL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (answers()) {
				open.set(false);
				log.info("Database answers again: taking sends");
			}
		}
	}

	private boolean answers() {
		try (Connection connection = dataSource.getConnection()) {
			return connection.isValid(PROBE_TIMEOUT_SECONDS);
		}
		catch (SQLException | RuntimeException ex) {
			return false;
		}
	}

}
