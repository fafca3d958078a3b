package dev.groupchat.groups;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A member's own settings for one group, as clients see them.
 * {@code mutedNotificationsUntil} is an ISO-8601 instant, the string {@code "forever"},
 * or null when notifications are not muted; {@code archived} is false again once a
 * message arrived after {@code archivedAt} while notifications were not muted.
 */
public record MemberSettings(@JsonProperty("notify") NotifyLevel notifyLevel, @Nullable String mutedNotificationsUntil,
		boolean pinned, @Nullable Instant pinnedAt, boolean archived, @Nullable Instant archivedAt) {

	/** The JSON word for a mute without end. */
	public static final String FOREVER = "forever";

}
