package dev.groupchat.messaging;

import dev.groupchat.identity.BearerTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers the {@link HistoryReadPath} after the HTTP observation and the request log
 * context and before Spring Security's filter chain (order -100). A configuration rather
 * than a filter component, so that MVC test slices, which take every filter component,
 * leave it out with the services it needs.
 */
@Configuration(proxyBeanMethods = false)
class HistoryReadPathConfiguration {

	@Bean
	FilterRegistrationBean<HistoryReadPath> historyReadPath(BearerTokens tokens, History history, JsonMapper json,
			MeterRegistry meters, MessagingProperties properties) {
		FilterRegistrationBean<HistoryReadPath> registration = new FilterRegistrationBean<>(
				new HistoryReadPath(tokens, history, json, meters, properties));
		registration.setOrder(-101);
		registration.addUrlPatterns("/api/v1/groups/*");
		return registration;
	}

}
