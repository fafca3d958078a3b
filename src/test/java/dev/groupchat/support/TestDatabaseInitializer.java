package dev.groupchat.support;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every Spring context of the test suite at {@link TestDatabase} and gives it the test
 * signing secret. Registered in {@code META-INF/spring.factories}, so no test has to ask for it.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestDatabase.Coordinates db = TestDatabase.get();
		Map<String, Object> properties = new HashMap<>(Map.of(
				"spring.datasource.url", db.url(),
				"spring.datasource.username", db.username(),
				"spring.datasource.password", db.password(),
				"spring.test.database.replace", "none",
				"groupchat.jwt.secret", TestTokens.SECRET));
		// tests send far faster than people do: only the tests of the limits themselves switch them on
		if (!context.getEnvironment().containsProperty("groupchat.rate-limit.enabled")) {
			properties.put("groupchat.rate-limit.enabled", "false");
		}
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", properties));
	}

}
