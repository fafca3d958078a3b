package dev.groupchat.messaging;

import dev.groupchat.groups.GroupId;
import dev.groupchat.identity.BearerTokens;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.LogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerMapping;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lean read path for {@code GET /api/v1/groups/{groupId}/messages}, the call a client
 * makes on every scroll: the bearer token checked with the REST calls' decoder and cache,
 * {@link History#page} called, the page written with the service's JSON mapper, without
 * the security filter chain and the MVC dispatch around it (60 % of a page's CPU in the
 * profile). It answers only what it can answer exactly as the regular path does: a valid
 * token, sane parameters, a reader of the group. Everything else (no or a bad token, a
 * bad parameter, a non-reader, a CORS request, another media type, a failure) goes on
 * down the filter chain, which answers it with the usual RFC 9457 problem; nothing is
 * written before the page is whole. The HTTP metrics, the request log context and the
 * response headers stay what the regular path gives (HistoryReadPathTest holds both side
 * by side). Off with {@code groupchat.messaging.history-read-path=false}.
 */
class HistoryReadPath extends OncePerRequestFilter {

	static final String PATTERN = "/api/v1/groups/{groupId}/messages";

	private static final Pattern PATH = Pattern.compile("/api/v1/groups/([0-9a-fA-F-]{36})/messages");

	private static final Map<String, String> SECURITY_HEADERS = Map.of("X-Content-Type-Options", "nosniff",
			"X-XSS-Protection", "0", "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate", "Pragma",
			"no-cache", "Expires", "0", "X-Frame-Options", "DENY");

	private final BearerTokens tokens;

	private final History history;

	private final ObjectWriter writer;

	private final Counter answered;

	private final boolean enabled;

	HistoryReadPath(BearerTokens tokens, History history, JsonMapper json, MeterRegistry meters,
			MessagingProperties properties) {
		this.enabled = properties.historyReadPath();
		this.tokens = tokens;
		this.history = history;
		this.writer = json.writerFor(History.Page.class);
		this.answered = Counter.builder("groupchat.history.read.path")
			.description("History pages answered by the lean read path (the others went through the filter chain)")
			.register(meters);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !enabled || !"GET".equals(request.getMethod()) || request.getHeader("Origin") != null
				|| !request.getRequestURI().endsWith("/messages");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] body = answer(request);
		if (body == null) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		SECURITY_HEADERS.forEach(response::setHeader);
		response.setContentType("application/json");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** The page's JSON, or null for the filter chain to answer. */
	private byte @Nullable [] answer(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Matcher matcher = PATH.matcher(path);
		if (!matcher.matches() || !acceptsJson(request.getHeader("Accept"))) {
			return null;
		}
		@Nullable Long beforeSeq;
		@Nullable Long afterSeq;
		@Nullable Integer limit;
		try {
			beforeSeq = parameter(request, "beforeSeq");
			afterSeq = parameter(request, "afterSeq");
			Long asked = parameter(request, "limit");
			limit = asked == null ? null : Math.toIntExact(asked);
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			return null;
		}
		Optional<CurrentUser> caller = tokens.restCaller(request.getHeader("Authorization"));
		if (caller.isEmpty()) {
			return null;
		}
		String groupId = matcher.group(1);
		UUID group;
		try {
			group = GroupId.parse(groupId);
		}
		catch (RuntimeException ex) {
			return null;
		}
		History.Page page;
		try {
			page = history.page(caller.get(), group, beforeSeq, afterSeq, limit);
		}
		catch (RuntimeException ex) {
			// a non-reader, a bad parameter, the database: the regular path answers it
			return null;
		}
		byte[] body = writer.writeValueAsBytes(page);
		LogContext.put(LogContext.USER_ID, caller.get().id());
		LogContext.put(LogContext.GROUP_ID, groupId);
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, PATTERN);
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent(context -> context.setPathPattern(PATTERN));
		answered.increment();
		return body;
	}

	private static boolean acceptsJson(@Nullable String accept) {
		return accept == null || accept.contains("application/json") || accept.contains("*/*");
	}

	/** One value or none; anything else is the regular path's to refuse. */
	private static @Nullable Long parameter(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values == null) {
			return null;
		}
		if (values.length != 1 || values[0].isBlank()) {
			throw new IllegalArgumentException(name);
		}
		return Long.parseLong(values[0]);
	}

}
