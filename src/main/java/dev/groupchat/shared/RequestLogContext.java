package dev.groupchat.shared;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Puts the request id into the log context of a REST call (the caller's
 * {@code X-Request-Id} when sane, else a new one, echoed in the response), and, once
 * Security and the handler mapping have run, the user id and the path's group id. At
 * DEBUG it logs one line per call: method, path template, status, time.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestLogContext extends OncePerRequestFilter implements HandlerInterceptor {

	static final String HEADER = "X-Request-Id";

	private static final Logger log = LoggerFactory.getLogger(RequestLogContext.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = LogContext.requestId(request.getHeader(HEADER));
		LogContext.put(LogContext.REQUEST_ID, requestId);
		response.setHeader(HEADER, requestId);
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (log.isDebugEnabled()) {
				Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
				log.debug("{} {} answered {} in {} ms", request.getMethod(),
						pattern != null ? pattern : request.getRequestURI(), response.getStatus(),
						(System.nanoTime() - start) / 1_000_000);
			}
			LogContext.clear();
		}
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getUserPrincipal() != null) {
			LogContext.put(LogContext.USER_ID, request.getUserPrincipal().getName());
		}
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
				&& variables.get("groupId") instanceof String groupId) {
			LogContext.put(LogContext.GROUP_ID, groupId);
		}
		return true;
	}

}
