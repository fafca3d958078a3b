package dev.groupchat.realtime;

import java.io.ByteArrayOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Joins the parts of one connection's incoming WebSocket messages into whole frames, up
 * to the frame limit. The container delivers a connection's parts one at a time, in
 * order. Parts are joined as bytes: a character split between two binary parts stays
 * whole.
 */
final class FrameAssembler {

	/** Answered by {@link #add} for a frame over the limit. */
	static final byte[] TOO_LARGE = new byte[0];

	private final long limit;

	private @Nullable ByteArrayOutputStream partial;

	FrameAssembler(long limit) {
		this.limit = limit;
	}

	/**
	 * The whole frame after its last part, {@link #TOO_LARGE} past the limit, null while
	 * parts are to come.
	 */
	byte @Nullable [] add(byte[] part, boolean last) {
		if (partial == null && last) {
			return bounded(part);
		}
		if (partial == null) {
			partial = new ByteArrayOutputStream();
		}
		partial.writeBytes(part);
		if (partial.size() > limit) {
			partial = null;
			return TOO_LARGE;
		}
		if (!last) {
			return null;
		}
		byte[] frame = partial.toByteArray();
		partial = null;
		return bounded(frame);
	}

	private byte[] bounded(byte[] frame) {
		return frame.length > limit ? TOO_LARGE : frame;
	}

}
