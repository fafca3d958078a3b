package dev.groupchat.shared;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class LogContextConfiguration implements WebMvcConfigurer {

	private final RequestLogContext context;

	LogContextConfiguration(RequestLogContext context) {
		this.context = context;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(context);
	}

}
