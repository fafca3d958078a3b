package dev.groupchat.realtime;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The destinations clients may use, matched exactly: no wildcards, no encodings, group
 * ids only in their canonical lower-case form.
 */
final class Destinations {

	private static final String UUID_PATTERN = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";

	private static final Pattern TOPIC = Pattern.compile("/topic/group\\." + UUID_PATTERN);

	private static final Pattern APP = Pattern.compile("/app/group\\." + UUID_PATTERN + "\\.(send|typing|read)");

	private Destinations() {
	}

	/** An application destination: the group and the action. */
	record App(UUID groupId, String action) {
	}

	static Optional<UUID> topic(@Nullable String destination) {
		Matcher m = destination == null ? null : TOPIC.matcher(destination);
		return m != null && m.matches() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
	}

	static Optional<App> app(@Nullable String destination) {
		Matcher m = destination == null ? null : APP.matcher(destination);
		return m != null && m.matches() ? Optional.of(new App(UUID.fromString(m.group(1)), m.group(2)))
				: Optional.empty();
	}

}
