package dev.groupchat.messaging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Send metrics of {@code POST /api/v1/groups/{id}/messages}: the whole request as the
 * REST send-to-ack time, and the refusal reason of every answer that is not a stored
 * message, including the ones Security (401) and request validation (400) give before the
 * controller runs. As the first filter it sees every answer; as the first exception
 * resolver it notes the exception (and returns null, so the usual handlers still answer).
 */
@Component
class RestSendMetrics extends OncePerRequestFilter implements HandlerExceptionResolver, Ordered {

	private static final Pattern SEND = Pattern.compile("^/api/v1/groups/[^/]+/messages/?$");

	private static final String FAILURE = RestSendMetrics.class.getName() + ".failure";

	private final SendMetrics metrics;

	RestSendMetrics(SendMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !SEND.matcher(request.getRequestURI()).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			record(request, response.getStatus(), start);
		}
	}

	private void record(HttpServletRequest request, int status, long start) {
		if (status < 400) {
			metrics.acked(SendMetrics.Transport.REST, start);
			return;
		}
		HttpStatus resolved = HttpStatus.resolve(status);
		Object failure = request.getAttribute(FAILURE);
		metrics.refused(resolved == null ? SendMetrics.Refusal.of(status)
				: SendMetrics.classify(failure instanceof Throwable t ? t : null, resolved));
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		request.setAttribute(FAILURE, ex);
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
