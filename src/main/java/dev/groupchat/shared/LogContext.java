package dev.groupchat.shared;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The keys every log line of a REST call or a STOMP frame carries in its MDC (and so in
 * structured JSON logs): {@code requestId}, {@code userId}, {@code groupId}. Ids only:
 * never a token, never message text.
 */
public final class LogContext {

	public static final String REQUEST_ID = "requestId";

	public static final String USER_ID = "userId";

	public static final String GROUP_ID = "groupId";

	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private LogContext() {
	}

	/**
	 * A caller's own request id when it is a harmless token of at most 64 characters,
	 * else a new one.
	 */
	public static String requestId(String offered) {
		return offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
	}

	public static void put(String key, @Nullable String value) {
		if (value != null) {
			MDC.put(key, value);
		}
	}

	public static void clear() {
		MDC.remove(REQUEST_ID);
		MDC.remove(USER_ID);
		MDC.remove(GROUP_ID);
	}

}
