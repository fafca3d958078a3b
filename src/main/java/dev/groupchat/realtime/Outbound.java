package dev.groupchat.realtime;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
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
 * <p>
 * A frame is text (a {@code String}, which the container encodes to UTF-8 for this
 * socket) or the UTF-8 bytes of a frame encoded once for every session that gets it, sent
 * as a binary WebSocket frame without copying ({@code groupchat-binary-frames}). Limits
 * count characters of the one and bytes of the other.
 */
final class Outbound implements SendHandler {

	private static final ThreadLocal<Outbound> SENDING = new ThreadLocal<>();

	private final Session socket;

	private final long limit;

	private final Runnable onOverflow;

	private final Runnable onFailure;

	/** {@code String} or {@code byte[]}. */
	private final Queue<Object> queue = new ConcurrentLinkedQueue<>();

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
		queue(frame, frame.length());
	}

	/** Sends {@code frame} as a binary WebSocket frame; the array is never written to. */
	void send(byte[] frame) {
		queue(frame, frame.length);
	}

	private void queue(Object frame, int length) {
		if (failed) {
			meters.framesDropped(1);
			return;
		}
		if (queued.addAndGet(length) > limit) {
			fail(onOverflow);
			return;
		}
		queue.add(frame);
		pump();
	}

	private void pump() {
		while (!failed && busy.compareAndSet(false, true)) {
			Object next = queue.poll();
			if (next == null) {
				busy.set(false);
				if (queue.isEmpty()) {
					return;
				}
				continue;
			}
			writing = next instanceof String text ? text.length() : ((byte[]) next).length;
			writingSince = System.nanoTime() | 1;
			SENDING.set(this);
			try {
				if (next instanceof String text) {
					socket.getAsyncRemote().sendText(text, this);
				}
				else {
					// a buffer of its own over the shared bytes: the container moves its
					// position
					socket.getAsyncRemote().sendBinary(ByteBuffer.wrap((byte[]) next), this);
				}
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
