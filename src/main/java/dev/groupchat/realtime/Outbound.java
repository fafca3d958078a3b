package dev.groupchat.realtime;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The frames waiting to go out on one WebSocket, written with the container's
 * asynchronous send so that no thread ever blocks on a slow client. One write is in
 * flight at a time (WebSocket frames of one connection cannot interleave); the next
 * starts when it completes. A client that lets more than {@code limit} characters pile up
 * (queued here plus the write the socket has not finished) is a slow consumer:
 * {@code onOverflow} closes it rather than buffering without bound.
 * {@link #pendingSinceNanos()} tells how long the unfinished write has waited, for the
 * sweep that closes clients which stopped reading altogether.
 *
 * <p>
 * A write that completes at once calls back on the calling thread; the pump then simply
 * loops instead of recursing, so a long queue never deepens the stack.
 */
final class Outbound implements SendHandler {

	private static final ThreadLocal<Outbound> SENDING = new ThreadLocal<>();

	private final Session socket;

	private final long limit;

	private final Runnable onOverflow;

	private final Runnable onFailure;

	private final Queue<String> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong queued = new AtomicLong();

	private final AtomicBoolean busy = new AtomicBoolean();

	/**
	 * Characters of the write in flight; counted in {@link #queued} until the socket
	 * finishes it.
	 */
	private volatile int writing;

	/** {@link System#nanoTime()} when the write in flight started; 0 when none is. */
	private volatile long writingSince;

	private volatile boolean failed;

	private final RealtimeMeters meters;

	/**
	 * {@code onOverflow} runs when the client reads too slowly, {@code onFailure} when a
	 * write fails.
	 */
	Outbound(Session socket, long limit, Runnable onOverflow, Runnable onFailure, RealtimeMeters meters) {
		this.meters = meters;
		this.socket = socket;
		this.limit = limit;
		this.onOverflow = onOverflow;
		this.onFailure = onFailure;
	}

	void send(String frame) {
		if (failed) {
			meters.framesDropped(1);
			return;
		}
		if (queued.addAndGet(frame.length()) > limit) {
			fail(onOverflow);
			return;
		}
		queue.add(frame);
		pump();
	}

	private void pump() {
		while (!failed && busy.compareAndSet(false, true)) {
			String next = queue.poll();
			if (next == null) {
				busy.set(false);
				if (queue.isEmpty()) {
					return;
				}
				continue;
			}
			writing = next.length();
			writingSince = System.nanoTime() | 1;
			SENDING.set(this);
			try {
				socket.getAsyncRemote().sendText(next, this);
				meters.frameSent();
			}
			catch (RuntimeException ex) {
				fail(onFailure);
				return;
			}
			finally {
				SENDING.remove();
			}
		}
	}

	@Override
	public void onResult(SendResult result) {
		if (!result.isOK()) {
			fail(onFailure);
			return;
		}
		queued.addAndGet(-writing);
		writing = 0;
		writingSince = 0;
		busy.set(false);
		if (SENDING.get() != this) {
			pump();
		}
	}

	/** Characters queued or being written. */
	long queuedChars() {
		return queued.get();
	}

	/**
	 * When the unfinished write started ({@link System#nanoTime()}), or 0 when nothing is
	 * being written.
	 */
	long pendingSinceNanos() {
		return writingSince;
	}

	private void fail(Runnable then) {
		if (!failed) {
			failed = true;
			meters.framesDropped(queue.size());
			queue.clear();
			then.run();
		}
	}

}
