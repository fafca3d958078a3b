package dev.groupchat.realtime;

import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Puts one group's events back into seq order: an event that arrives early (its commit
 * raced ahead of an earlier one's listener) waits until the gap closes or is filled from
 * the database; one already delivered is dropped. Events without seq pass at once. Not
 * thread-safe: its channel calls it from its serial tasks only ({@link #isOverdue} may be
 * asked from any thread).
 */
final class SeqReorder {

	/** Seqs {@code after < seq < before}, to load from the database. */
	record Range(long after, long before) {
	}

	private final TreeMap<Long, GroupChannel.Frame> early = new TreeMap<>();

	private long delivered;

	/** The stored last seq the previous last-seq check saw. */
	private long storedAtLastCheck;

	/** When the oldest gap began waiting (ms); 0 when nothing waits. */
	private volatile long waitingSince;

	SeqReorder(long lastSeq) {
		this.delivered = lastSeq;
	}

	/** The last seq delivered. */
	long delivered() {
		return delivered;
	}

	/**
	 * Takes an event at {@code nowMillis}; {@code deliver} gets it, and every event it
	 * lets through, in order.
	 */
	void accept(GroupChannel.Frame frame, long nowMillis, Consumer<GroupChannel.Frame> deliver) {
		if (frame.seq == 0) {
			deliver.accept(frame);
			return;
		}
		if (frame.seq <= delivered) {
			return;
		}
		early.put(frame.seq, frame);
		while (!early.isEmpty() && early.firstKey() == delivered + 1) {
			GroupChannel.Frame next = early.pollFirstEntry().getValue();
			delivered = next.seq;
			deliver.accept(next);
		}
		waitingSince = early.isEmpty() ? 0 : (waitingSince == 0 ? nowMillis : waitingSince);
	}

	/** Whether a gap has waited at least {@code timeoutMs} at {@code nowMillis}. */
	boolean isOverdue(long nowMillis, long timeoutMs) {
		long since = waitingSince;
		return since != 0 && nowMillis - since >= timeoutMs;
	}

	/** The gap in front of the events waiting, or null when none waits. */
	@Nullable Range gap() {
		return early.isEmpty() ? null : new Range(delivered, early.firstKey());
	}

	/**
	 * The seqs the bus lost that no later event revealed, at most {@code limit}: those up
	 * to the stored last seq seen at the previous check that are still not delivered;
	 * null when none. Remembers {@code storedLastSeq} for the next check.
	 */
	@Nullable Range missedBefore(long storedLastSeq, int limit) {
		long target = Math.min(storedAtLastCheck, storedLastSeq);
		storedAtLastCheck = storedLastSeq;
		return target > delivered ? new Range(delivered, Math.min(target, delivered + limit) + 1) : null;
	}

}
