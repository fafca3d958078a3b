package dev.groupchat.privacy;

import java.util.function.IntSupplier;

/** Repeats a batch of bulk work, each its own transaction, until one comes back short. */
final class Batches {

	private Batches() {
	}

	/** Runs {@code batch} until it changes fewer than {@code size} rows; answers the total. */
	static int repeat(IntSupplier batch, int size) {
		int total = 0;
		int done;
		do {
			done = batch.getAsInt();
			total += done;
		}
		while (done == size);
		return total;
	}

}
