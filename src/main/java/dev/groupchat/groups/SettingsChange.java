package dev.groupchat.groups;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.groupchat.shared.DomainException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A change of a member's own settings; absent fields stay as they are.
 * {@code mutedNotificationsUntil} absent leaves the mute, null ends it, {@code "forever"}
 * mutes without end, an ISO-8601 time mutes until then.
 */
record SettingsChange(@JsonProperty("notify") @Nullable NotifyLevel notifyLevel,
		@Schema(description = "ISO-8601 time, \"forever\", or null to unmute", nullable = true, maxLength = 40,
				example = "forever") @Nullable Optional<String> mutedNotificationsUntil,
		@Nullable Boolean pinned, @Nullable Boolean archived) {

	/** A parsed mute: until a time, forever, or none (both empty). */
	record Mute(@Nullable Instant until, boolean forever) {
	}

	/**
	 * The mute asked for, or null when the field was absent; 400 for anything but a time
	 * or "forever".
	 */
	@Nullable Mute mute() {
		if (mutedNotificationsUntil == null) {
			return null;
		}
		String value = mutedNotificationsUntil.orElse(null);
		if (value == null) {
			return new Mute(null, false);
		}
		if (MemberSettings.FOREVER.equals(value)) {
			return new Mute(null, true);
		}
		if (value.length() > 40) {
			throw DomainException.invalid("mutedNotificationsUntil must be an ISO-8601 time or \"forever\"");
		}
		try {
			return new Mute(OffsetDateTime.parse(value).toInstant(), false);
		}
		catch (DateTimeParseException ex) {
			throw DomainException.invalid("mutedNotificationsUntil must be an ISO-8601 time or \"forever\"");
		}
	}

}
