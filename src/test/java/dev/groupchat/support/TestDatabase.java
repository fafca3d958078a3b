package dev.groupchat.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place that decides where tests get PostgreSQL: {@code TEST_DATABASE_URL} when
 * set (CI points it at a fresh database), else a Testcontainers PostgreSQL when Docker is
 * available, else an embedded PostgreSQL. One per test JVM, shared by every Spring
 * context.
 */
public final class TestDatabase {

	/** JDBC coordinates of the test database. */
	public record Coordinates(String url, String username, String password, String source) {
	}

	private static volatile Coordinates coordinates;

	private TestDatabase() {
	}

	public static Coordinates get() {
		if (coordinates == null) {
			synchronized (TestDatabase.class) {
				if (coordinates == null) {
					coordinates = start();
				}
			}
		}
		return coordinates;
	}

	private static Coordinates start() {
		String url = System.getenv("TEST_DATABASE_URL");
		if (url != null && !url.isBlank()) {
			return new Coordinates(url, env("TEST_DATABASE_USER", "postgres"), env("TEST_DATABASE_PASSWORD", ""),
					"TEST_DATABASE_URL");
		}
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
			container.start();
			return new Coordinates(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
					"Testcontainers");
		}
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
			return new Coordinates(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded PostgreSQL");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start an embedded PostgreSQL for the tests", ex);
		}
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private static void close(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// the JVM is exiting; the temporary directory goes with it
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null ? fallback : value;
	}

}
