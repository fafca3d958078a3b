package dev.groupchat.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The page holds no data, so anyone may load it; what it shows comes from the API with
 * the token. Its headers keep a hostile string from running or leaking: scripts and
 * styles only from this service (no inline ones), connections only to this service (HTTP
 * and its WebSocket), no framing, no referrer, no MIME sniffing.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

	private static final Pattern HOST = Pattern
		.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

	@Bean
	@Order(0)
	SecurityFilterChain dashboardFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/dashboard", "/dashboard/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.headers(headers -> headers.contentTypeOptions(options -> {
			})
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.addHeaderWriter(
						(request, response) -> response.setHeader("Content-Security-Policy", policy(request))));
		return http.build();
	}

	static String policy(HttpServletRequest request) {
		String host = request.getHeader("Host");
		String sockets = host != null && HOST.matcher(host).matches() ? " ws://" + host + " wss://" + host : "";
		return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
				+ "connect-src 'self'" + sockets + "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
	}

}
