package dev.groupchat.shared;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * New ids: UUID version 7 (RFC 9562), milliseconds since the epoch first, then random
 * bits, increasing within a millisecond on this node. Time-ordered ids keep primary-key
 * B-tree inserts at the right edge of the index (unlike random version 4), and sort
 * roughly by creation across nodes.
 */
public final class Ids {

	private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

	private Ids() {
	}

	public static UUID next() {
		return GENERATOR.generate();
	}

}
