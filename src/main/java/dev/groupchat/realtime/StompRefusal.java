package dev.groupchat.realtime;

/**
 * A frame the server refuses: answered with an ERROR frame of this status, then the
 * connection closes.
 */
final class StompRefusal extends RuntimeException {

	private final int status;

	StompRefusal(int status, String detail) {
		super(detail, null, false, false);
		this.status = status;
	}

	int status() {
		return status;
	}

}
