package dev.groupchat.pins;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT .../pins/{seq}}; both fields optional, and an absent body means
 * neither.
 */
record PinRequest(
		@Schema(description = "The pin ends at this time (ISO-8601, in the future, at most 3650 days ahead); "
				+ "absent or null: until unpinned", nullable = true) @Nullable Instant until,
		@Schema(description = "Make this message the group's announcement (the previous one stops being it); "
				+ "absent: false", nullable = true) @Nullable Boolean announcement) {

	static final PinRequest NONE = new PinRequest(null, null);

}
