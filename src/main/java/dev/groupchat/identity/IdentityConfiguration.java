package dev.groupchat.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

	@Bean
	UserIdRule userIdRule(IdentityProperties properties) {
		return new UserIdRule(properties.userIdPattern());
	}

}
