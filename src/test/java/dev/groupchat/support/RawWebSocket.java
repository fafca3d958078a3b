package dev.groupchat.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket over a plain TCP socket, handshake and framing by hand: for clients no
 * library would model, one that stops reading (its receive buffer fills and the server's
 * writes stall), or a flood of handshakes whose HTTP status the test reads before any
 * upgrade.
 */
public final class RawWebSocket implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private RawWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Sends a WebSocket upgrade request for {@code /ws} and answers the HTTP status of
	 * the reply.
	 */
	public static int handshakeStatus(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(10_000);
			return upgrade(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Opens a WebSocket with subprotocol {@code v12.stomp}; {@code receiveBuffer} (bytes,
	 * 0 for the system's default) sets SO_RCVBUF before connecting.
	 */
	public static RawWebSocket open(int port, int receiveBuffer) {
		try {
			Socket socket = new Socket();
			if (receiveBuffer > 0) {
				socket.setReceiveBufferSize(receiveBuffer);
			}
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(10_000);
			int status = upgrade(socket);
			if (status != 101) {
				socket.close();
				throw new IllegalStateException("upgrade answered " + status);
			}
			return new RawWebSocket(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int upgrade(Socket socket) throws IOException {
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
				+ "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		InputStream in = socket.getInputStream();
		String statusLine = null;
		StringBuilder line = new StringBuilder();
		int previous = -1;
		while (true) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed during the handshake");
			}
			if (b == '\n' && previous == '\r') {
				String text = line.substring(0, line.length() - 1);
				if (statusLine == null) {
					statusLine = text;
				}
				else if (text.isEmpty()) {
					return Integer.parseInt(statusLine.split(" ")[1]);
				}
				line.setLength(0);
			}
			else {
				line.append((char) b);
			}
			previous = b;
		}
	}

	/** Sends one masked text frame. */
	public void sendText(String text) {
		sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Sends one masked binary frame. */
	public void sendBinary(byte[] payload) {
		sendFrame(0x2, payload);
	}

	private synchronized void sendFrame(int opcode, byte[] payload) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write(0x80 | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length < 65_536) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xff);
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >>> shift) & 0xff);
			}
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.writeBytes(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		try {
			out.write(frame.toByteArray());
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The next text frame from the server (heart-beat newlines skipped), or null after
	 * the timeout; throws when the server closed the connection.
	 */
	public String nextText(Duration timeout) throws IOException {
		long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
			try {
				int b0 = in.readUnsignedByte();
				int b1 = in.readUnsignedByte();
				long length = b1 & 0x7f;
				if (length == 126) {
					length = in.readUnsignedShort();
				}
				else if (length == 127) {
					length = in.readLong();
				}
				byte[] payload = in.readNBytes((int) length);
				int opcode = b0 & 0x0f;
				if (opcode == 0x8) {
					throw new IOException("closed by the server");
				}
				String text = new String(payload, StandardCharsets.UTF_8);
				if (opcode == 0x1 && !text.isBlank()) {
					return text;
				}
			}
			catch (SocketTimeoutException ex) {
				return null;
			}
		}
		return null;
	}

	/**
	 * True when the server has closed the connection: a read hits the end of the stream
	 * (or a reset).
	 */
	public boolean awaitEndOfStream(Duration timeout) throws IOException {
		long end = System.nanoTime() + timeout.toNanos();
		byte[] sink = new byte[64 * 1024];
		while (System.nanoTime() < end) {
			socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
			try {
				if (in.read(sink) < 0) {
					return true;
				}
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
			catch (IOException ex) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

}
