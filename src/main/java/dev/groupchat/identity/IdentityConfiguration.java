package dev.groupchat.identity;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class) // also in web slices, which do
															// not scan properties
class IdentityConfiguration {

	@Bean
	UserIdRule userIdRule(IdentityProperties properties) {
		return new UserIdRule(properties.userIdPattern());
	}

}
