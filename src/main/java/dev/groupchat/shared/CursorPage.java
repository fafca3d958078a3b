package dev.groupchat.shared;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a cursor-paged list, as the contract shapes it: {@code {items,
 * nextCursor}}, where {@code nextCursor} is null on the last page.
 */
public record CursorPage<T>(List<T> items, @Nullable String nextCursor) {

	/**
	 * Builds a page from {@code limit + 1} fetched rows: the extra row only tells that a
	 * next page exists, and the cursor points after the last row returned.
	 */
	public static <T> CursorPage<T> of(List<T> fetched, int limit, Function<T, String> cursorOf) {
		if (fetched.size() <= limit) {
			return new CursorPage<>(List.copyOf(fetched), null);
		}
		List<T> page = List.copyOf(fetched.subList(0, limit));
		return new CursorPage<>(page, cursorOf.apply(page.getLast()));
	}

	public <R> CursorPage<R> map(Function<T, R> mapper) {
		return new CursorPage<>(items.stream().map(mapper).toList(), nextCursor);
	}

}
