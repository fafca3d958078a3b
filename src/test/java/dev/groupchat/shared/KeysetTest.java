package dev.groupchat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The one keyset-paging helper, without a database. */
class KeysetTest {

	private final List<Long> rows = LongStream.rangeClosed(1, 5).boxed().toList();

	private final List<Object> asked = new ArrayList<>();

	private CursorPage<Long> page(Integer limit, String cursor) {
		return Keyset.NUMBER.page(PageRequest.of(limit, cursor), (after, fetch) -> {
			asked.add(after == null ? "start" : after);
			asked.add(fetch);
			return rows.stream().filter(r -> after == null || r > after).limit(fetch).toList();
		}, row -> row);
	}

	@Test
	void pagesWalkTheRowsOnceEachAndTheLastPageHasNoCursor() {
		CursorPage<Long> first = page(2, null);
		CursorPage<Long> second = page(2, first.nextCursor());
		CursorPage<Long> third = page(2, second.nextCursor());

		assertThat(first.items()).containsExactly(1L, 2L);
		assertThat(second.items()).containsExactly(3L, 4L);
		assertThat(third.items()).containsExactly(5L);
		assertThat(third.nextCursor()).isNull();
		assertThat(asked).containsExactly("start", 3, 2L, 3, 4L, 3);
	}

	@Test
	void aPageThatEndsExactlyOnTheLastRowHasNoCursor() {
		assertThat(page(5, null).nextCursor()).isNull();
	}

	@Test
	void aBadCursorIsInvalidInput() {
		assertThatThrownBy(() -> page(2, "not a cursor")).isInstanceOf(DomainException.class)
			.extracting(ex -> ((DomainException) ex).problem())
			.isEqualTo(ProblemType.VALIDATION);
		assertThatThrownBy(() -> page(2, Cursors.encode("a", "b"))).isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> page(2, Cursors.encode("x"))).isInstanceOf(DomainException.class);
	}

	@Test
	void timeAndKeyPositionsTravelInTheCursor() {
		Keyset.TimeAndKey position = new Keyset.TimeAndKey(Instant.parse("2026-11-02T10:00:00.123456Z"), "alice");
		List<Keyset.TimeAndKey> seen = new ArrayList<>();
		CursorPage<Keyset.TimeAndKey> first = Keyset.TIME_AND_KEY.<Keyset.TimeAndKey>page(PageRequest.of(1, null),
				(after, limit) -> List.of(position, position), p -> p);

		Keyset.TIME_AND_KEY.<Keyset.TimeAndKey>page(PageRequest.of(1, first.nextCursor()), (after, limit) -> {
			seen.add(after);
			return List.of();
		}, p -> p);

		assertThat(seen).containsExactly(position);
	}

	@Test
	void aCustomPositionDecodesWhatItEncodes() {
		Keyset<List<String>> pair = Keyset.of(2, parts -> parts, p -> p);
		List<List<String>> seen = new ArrayList<>();
		String cursor = pair
			.page(PageRequest.of(1, null), (after, limit) -> List.of("a", "b"), row -> List.of(row, "k"))
			.nextCursor();

		pair.<String>page(PageRequest.of(1, cursor), (after, limit) -> {
			seen.add(after);
			return List.of();
		}, row -> List.of(row, "k"));

		assertThat(seen).containsExactly(List.of("a", "k"));
	}

}
