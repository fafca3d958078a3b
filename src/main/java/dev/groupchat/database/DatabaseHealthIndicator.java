package dev.groupchat.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code db} health contributor (it replaces Spring Boot's, by bean name), part of
 * readiness. Boot's own check waits as long as the pool and the socket let it: against a
 * paused PostgreSQL the health endpoint then hangs for many seconds. This one answers
 * within {@link #TIMEOUT} whatever the database does: a check runs on its own virtual
 * thread, at most one at a time, and a check that has not answered in time is DOWN.
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator implements HealthIndicator {

	static final Duration TIMEOUT = Duration.ofMillis(1_000);

	private static final int VALID_SECONDS = 2;

	private final DataSource dataSource;

	private CompletableFuture<Health> check = CompletableFuture.completedFuture(Health.unknown().build());

	DatabaseHealthIndicator(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public Health health() {
		CompletableFuture<Health> current = current();
		try {
			return current.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return Health.down().withDetail("error", "no answer within " + TIMEOUT.toMillis() + " ms").build();
		}
		catch (ExecutionException ex) {
			return Health.down()
				.withDetail("error", Objects.requireNonNull(ex.getCause()).getClass().getSimpleName())
				.build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
	}

	/** The check under way, or a new one: a hung check is never started twice. */
	private synchronized CompletableFuture<Health> current() {
		if (check.isDone()) {
			CompletableFuture<Health> next = new CompletableFuture<>();
			Thread.ofVirtual().name("db-health").start(() -> next.complete(probe()));
			check = next;
		}
		return check;
	}

	private Health probe() {
		try (Connection connection = dataSource.getConnection()) {
			return connection.isValid(VALID_SECONDS) ? Health.up().withDetail("database", "PostgreSQL").build()
					: Health.down().withDetail("error", "connection not valid").build();
		}
		catch (SQLException | RuntimeException ex) {
			return Health.down().withDetail("error", ex.getClass().getSimpleName()).build();
		}
	}

}
