package dev.groupchat.shared;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** Thrown while reading a request body that exceeds the configured limit. */
class PayloadTooLargeException extends IOException {

	private final long limit;

	PayloadTooLargeException(long limit) {
		super("request body exceeds " + limit + " bytes");
		this.limit = limit;
	}

	long limit() {
		return limit;
	}

	static boolean isCauseOf(Throwable ex) {
		return causeOf(ex) != null;
	}

	static @Nullable PayloadTooLargeException causeOf(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof PayloadTooLargeException p) {
				return p;
			}
		}
		return null;
	}

}
