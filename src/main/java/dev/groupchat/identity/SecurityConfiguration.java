package dev.groupchat.identity;

import com.nimbusds.jose.JWSAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless bearer-token security. The REST API answers 401 without a valid token; health
 * and the API docs are open; the WebSocket handshake is open because STOMP authenticates
 * at CONNECT; the other actuator endpoints need the {@code ops} role.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	static final int MIN_SECRET_BYTES = 32;

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, JsonMapper json) throws Exception {
		ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(json);
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasRole("ops")
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll()
				.requestMatchers("/ws", "/error", "/", "/chat.html", "/static/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(authenticationConverter()))
				.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers))
			.exceptionHandling(
					exceptions -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
		return http.build();
	}

	@Bean
	JwtDecoder jwtDecoder(JwtProperties properties, Environment environment, UserIdRule userIds,
			ObjectProvider<Clock> clock) {
		NimbusJwtDecoder decoder = properties.hasJwkSetUri()
				? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
					.jwsAlgorithm(SignatureAlgorithm.RS256)
					.jwsAlgorithm(SignatureAlgorithm.ES256)
					.build()
				: NimbusJwtDecoder.withSecretKey(hmacKey(secret(properties, environment)))
					.macAlgorithm(MacAlgorithm.HS256)
					.build();
		decoder.setJwtValidator(validator(properties, userIds));
		return new CachingJwtDecoder(decoder, clock.getIfAvailable(Clock::systemUTC), 200_000);
	}

	/**
	 * Timestamps, the contract's claims, and {@code iss} and {@code aud} where
	 * configured.
	 */
	static OAuth2TokenValidator<Jwt> validator(JwtProperties properties, UserIdRule userIds) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtTimestampValidator(properties.clockSkew()));
		validators.add(new Claims(userIds));
		if (properties.hasIssuer()) {
			validators.add(new JwtIssuerValidator(properties.issuer()));
		}
		if (properties.hasAudience()) {
			validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
					aud -> aud != null && aud.contains(properties.audience())));
		}
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	static SecretKeySpec hmacKey(String secret) {
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256.getName());
	}

	private static String secret(JwtProperties properties, Environment environment) {
		String configured = properties.secret();
		if (configured != null && properties.hasSecret()) {
			if (configured.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
				throw new IllegalStateException("GROUPCHAT_JWT_SECRET must be at least " + MIN_SECRET_BYTES
						+ " bytes (UTF-8); refusing to start with a weak secret");
			}
			return configured;
		}
		if (!environment.getProperty("spring.datasource.url", "").isEmpty()) {
			throw new IllegalStateException("Set GROUPCHAT_JWT_SECRET (at least " + MIN_SECRET_BYTES
					+ " bytes) or GROUPCHAT_JWT_JWK_SET_URI: a configured deployment never runs on a generated secret");
		}
		String secret = DevelopmentSecret.readOrCreate(properties.secretFile());
		log.warn(
				"No GROUPCHAT_JWT_SECRET set: using the development secret kept in {}. Mint a token with:"
						+ " java -jar target/groupchat.jar token <userId> --name=<name>"
						+ "  (or ./mvnw -q spring-boot:run -Dspring-boot.run.arguments=\"token <userId>\")",
				properties.secretFile().toAbsolutePath());
		return secret;
	}

	private static JwtAuthenticationConverter authenticationConverter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("roles");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

}
