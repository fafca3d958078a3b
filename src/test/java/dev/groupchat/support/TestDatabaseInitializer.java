package dev.groupchat.support;

import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every Spring context of the test suite at {@link TestDatabase}, gives it the
 * test signing secret and a {@link TestClock} as its primary clock. Registered in
 * {@code META-INF/spring.factories}, so no test has to ask for it.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Set by a test that brings a PostgreSQL of its own (one it stops and pauses). */
	public static final String PRIVATE_DATABASE = "groupchat.test.private-database";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Map<String, Object> properties = new HashMap<>(
				Map.of("spring.test.database.replace", "none", "groupchat.jwt.secret", TestTokens.SECRET));
		if (!context.getEnvironment().containsProperty(PRIVATE_DATABASE)) {
			TestDatabase.Coordinates db = TestDatabase.get();
			properties.put("spring.datasource.url", db.url());
			properties.put("spring.datasource.username", db.username());
			properties.put("spring.datasource.password", db.password());
		}
		// the suite keeps a few dozen contexts cached, all on one PostgreSQL
		// (max_connections 100): an
		// idle context holds one connection, not a full pool
		if (!context.getEnvironment().containsProperty("spring.datasource.hikari.minimum-idle")) {
			properties.put("spring.datasource.hikari.minimum-idle", "1");
			properties.put("spring.datasource.hikari.idle-timeout", "10000");
		}
		// tests send far faster than people do: only the tests of the limits themselves
		// switch them on
		if (!context.getEnvironment().containsProperty("groupchat.rate-limit.enabled")) {
			properties.put("groupchat.rate-limit.enabled", "false");
		}
		// likewise probation and raid defence: tests join and post far faster than people
		// do; the tests of both switch them on
		if (!context.getEnvironment().containsProperty("groupchat.groups.probation")) {
			properties.put("groupchat.groups.probation", "0s");
		}
		if (!context.getEnvironment().containsProperty("groupchat.groups.raid.max-joins")) {
			properties.put("groupchat.groups.raid.max-joins", "0");
		}
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", properties));
		if (context instanceof BeanDefinitionRegistry registry) {
			RootBeanDefinition clock = new RootBeanDefinition(TestClock.class);
			clock.setPrimary(true);
			registry.registerBeanDefinition("testClock", clock);
		}
	}

}
