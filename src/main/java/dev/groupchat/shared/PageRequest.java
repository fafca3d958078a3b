package dev.groupchat.shared;

import org.jspecify.annotations.Nullable;

/** Validated paging input: {@code limit} defaults to 50 and may be at most 200. */
public record PageRequest(int limit, @Nullable String cursor) {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 200;

	public static PageRequest of(@Nullable Integer limit, @Nullable String cursor) {
		int value = limit == null ? DEFAULT_LIMIT : limit;
		if (value < 1 || value > MAX_LIMIT) {
			throw DomainException.invalid("limit must be between 1 and " + MAX_LIMIT);
		}
		return new PageRequest(value, cursor == null || cursor.isBlank() ? null : cursor);
	}

}
