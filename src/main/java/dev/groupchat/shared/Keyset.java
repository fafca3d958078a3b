package dev.groupchat.shared;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Keyset paging, once: a page is the rows after a position (the last row of the page
 * before), fetched {@code limit + 1} at a time so that the extra row tells whether a next
 * page exists. A {@code Keyset} knows how its position {@code P} travels in an opaque
 * cursor ({@link Cursors}); an invalid cursor is refused as invalid input.
 *
 * @param <P> the position: the sort key of a row
 */
public final class Keyset<P> {

	/**
	 * A position of rows sorted by a time, then a text key (a user id, an invite code).
	 */
	public record TimeAndKey(Instant at, String key) {
	}

	/** Rows sorted by a time, then a text key. */
	public static final Keyset<TimeAndKey> TIME_AND_KEY = new Keyset<>(2,
			parts -> new TimeAndKey(Cursors.instant(parts.get(0)), parts.get(1)),
			p -> List.of(p.at().toString(), p.key()));

	/** Rows sorted by a number (an id, a seq). */
	public static final Keyset<Long> NUMBER = new Keyset<>(1, parts -> Cursors.number(parts.getFirst()),
			p -> List.of(Long.toString(p)));

	private final int parts;

	private final Function<List<String>, P> decode;

	private final Function<P, List<String>> encode;

	private Keyset(int parts, Function<List<String>, P> decode, Function<P, List<String>> encode) {
		this.parts = parts;
		this.decode = decode;
		this.encode = encode;
	}

	/**
	 * A keyset whose position is {@code parts} cursor parts: {@code decode} reads them
	 * (refusing a bad one through {@link Cursors}), {@code encode} writes them.
	 */
	public static <P> Keyset<P> of(int parts, Function<List<String>, P> decode, Function<P, List<String>> encode) {
		return new Keyset<>(parts, decode, encode);
	}

	/**
	 * One page: {@code fetch} answers at most the given number of rows after the position
	 * (null: from the start), in page order; {@code positionOf} gives a row's position,
	 * from which the next cursor is made.
	 */
	public <T> CursorPage<T> page(PageRequest request, BiFunction<@Nullable P, Integer, List<T>> fetch,
			Function<T, P> positionOf) {
		String cursor = request.cursor();
		P after = cursor == null ? null : decode.apply(Cursors.decode(cursor, parts));
		List<T> fetched = fetch.apply(after, request.limit() + 1);
		return CursorPage.of(fetched, request.limit(),
				row -> Cursors.encode(encode.apply(positionOf.apply(row)).toArray(String[]::new)));
	}

}
