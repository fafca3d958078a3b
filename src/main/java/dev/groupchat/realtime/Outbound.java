package dev.groupchat.realtime;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The frames waiting to go out on one WebSocket, written with the container's asynchronous send so
 * that no thread ever blocks on a slow client. One write is in flight at a time (WebSocket frames of
 * one connection cannot interleave); the next starts when it completes. A client that lets more than
 * {@code limit} characters pile up is a slow consumer: {@code onOverflow} closes it rather than
 * buffering without bound.
 *
 * <p>A write that completes at once calls back on the calling thread; the pump then simply loops
 * instead of recursing, so a long queue never deepens the stack.
 */
final class Outbound implements SendHandler {

	private static final ThreadLocal<Outbound> SENDING = new ThreadLocal<>();

	private final Session socket;

	private final long limit;

	private final Runnable onOverflow;

	private final Queue<String> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong queued = new AtomicLong();

	private final AtomicBoolean busy = new AtomicBoolean();

	private volatile boolean failed;

	private final RealtimeMeters meters;

	Outbound(Session socket, long limit, Runnable onOverflow, RealtimeMeters meters) {
		this.meters = meters;
		this.socket = socket;
		this.limit = limit;
		this.onOverflow = onOverflow;
	}

	void send(String frame) {
		if (failed) {
			meters.framesDropped(1);
			return;
		}
		if (queued.addAndGet(frame.length()) > limit) {
			fail();
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
			queued.addAndGet(-next.length());
			SENDING.set(this);
			try {
				socket.getAsyncRemote().sendText(next, this);
				meters.frameSent();
			}
			catch (RuntimeException ex) {
				fail();
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
			fail();
			return;
		}
		busy.set(false);
		if (SENDING.get() != this) {
			pump();
		}
	}

	long queuedChars() {
		return queued.get();
	}

	private void fail() {
		if (!failed) {
			failed = true;
			meters.framesDropped(queue.size());
			queue.clear();
			onOverflow.run();
		}
	}

}
