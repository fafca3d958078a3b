package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seq order for one group's events, without threads or sessions. */
class SeqReorderTest {

	private final List<Long> delivered = new ArrayList<>();

	private static GroupChannel.Frame frame(long seq) {
		return new GroupChannel.Frame(seq, "m" + seq);
	}

	private void accept(SeqReorder order, long now, long... seqs) {
		for (long seq : seqs) {
			order.accept(frame(seq), now, f -> delivered.add(f.seq));
		}
	}

	@Test
	void eventsGoOutInSeqOrderOnceEach() {
		SeqReorder order = new SeqReorder(0);

		accept(order, 1, 3, 1, 2, 2, 5, 4, 1);

		assertThat(delivered).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(order.delivered()).isEqualTo(5);
		assertThat(order.gap()).isNull();
	}

	@Test
	void eventsUpToTheStartSeqAreDropped() {
		SeqReorder order = new SeqReorder(10);

		accept(order, 1, 9, 10, 11);

		assertThat(delivered).containsExactly(11L);
	}

	@Test
	void eventsWithoutSeqPassAtOnceEvenBehindAGap() {
		SeqReorder order = new SeqReorder(0);

		accept(order, 1, 2, 0, 0);

		assertThat(delivered).containsExactly(0L, 0L);
		assertThat(order.gap()).isEqualTo(new SeqReorder.Range(0, 2));
	}

	@Test
	void aGapIsOverdueOnceItWaitedTheTimeoutCountedFromWhenItOpened() {
		SeqReorder order = new SeqReorder(3);
		assertThat(order.isOverdue(1_000_000, 0)).isFalse();

		accept(order, 1_000, 6);
		accept(order, 1_400, 7);

		assertThat(order.gap()).isEqualTo(new SeqReorder.Range(3, 6));
		assertThat(order.isOverdue(1_499, 500)).isFalse();
		assertThat(order.isOverdue(1_500, 500)).isTrue();
	}

	@Test
	void fillingTheGapReleasesWhatWaitedAndClearsTheWait() {
		SeqReorder order = new SeqReorder(3);
		accept(order, 1_000, 6, 7);

		accept(order, 2_000, 4, 5);

		assertThat(delivered).containsExactly(4L, 5L, 6L, 7L);
		assertThat(order.isOverdue(10_000, 500)).isFalse();
		assertThat(order.gap()).isNull();
	}

	@Test
	void aPartlyFilledGapKeepsItsStartTime() {
		SeqReorder order = new SeqReorder(0);
		accept(order, 1_000, 3);

		accept(order, 1_400, 1);

		assertThat(delivered).containsExactly(1L);
		assertThat(order.gap()).isEqualTo(new SeqReorder.Range(1, 3));
		assertThat(order.isOverdue(1_500, 500)).isTrue();
	}

	@Test
	void missedSeqsAreThoseTheStoreHadAtThePreviousCheck() {
		SeqReorder order = new SeqReorder(5);

		assertThat(order.missedBefore(9, 100)).isNull(); // the first check only remembers
															// 9
		assertThat(order.missedBefore(12, 100)).isEqualTo(new SeqReorder.Range(5, 10));
		accept(order, 1, 6, 7, 8, 9, 10, 11, 12);
		assertThat(order.missedBefore(12, 100)).isNull();
	}

	@Test
	void missedSeqsAreLoadedAtMostLimitAtATime() {
		SeqReorder order = new SeqReorder(0);
		order.missedBefore(1_000, 10);

		assertThat(order.missedBefore(1_000, 10)).isEqualTo(new SeqReorder.Range(0, 11));
	}

}
