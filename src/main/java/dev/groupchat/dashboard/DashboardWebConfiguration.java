package dev.groupchat.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard's browser libraries come from WebJars in the jar, served under the
 * dashboard's own path (so under its security headers too).
 */
@Configuration(proxyBeanMethods = false)
class DashboardWebConfiguration implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/dashboard/vendor/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/");
	}

}
