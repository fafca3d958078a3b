package dev.groupchat.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JacksonModule;

@Configuration(proxyBeanMethods = false)
class SharedConfiguration {

	@Bean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)); // PostgreSQL keeps
																		// microseconds
	}

	/**
	 * Registered with the application's JSON mapper: REST bodies and STOMP bodies alike.
	 */
	@Bean
	JacksonModule nulRefusingStrings() {
		return NulRefusingStrings.module();
	}

	@Bean
	OpenAPI groupchatOpenApi() {
		return new OpenAPI()
			.info(new Info().title("groupchat API")
				.version("v1")
				.description("Groups, membership and messages. Errors are RFC 9457 problems whose type starts with "
						+ ProblemType.BASE + ". Real time: STOMP 1.2 over WebSocket at /ws (see README)."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
