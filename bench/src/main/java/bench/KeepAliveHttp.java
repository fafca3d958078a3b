package bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection that sends GETs and reads whole responses (content-length
 * or chunked), the way wrk or h2load load a server: a few microseconds of client work a request,
 * so that the history figures measure the service and not the JDK HttpClient beside it (0.7 ms of
 * CPU a request on this machine, as much as the service itself spends). Not thread-safe: one
 * connection per loader thread.
 */
final class KeepAliveHttp implements Closeable {

	private final String host;

	private final int port;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	KeepAliveHttp(String base) {
		URI uri = URI.create(base);
		this.host = uri.getHost();
		this.port = uri.getPort();
	}

	/** GET {@code path} with the bearer token; the status, the body read and dropped. */
	int get(String path, String token) throws IOException {
		byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
				+ "\r\nAccept: application/json\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		for (int attempt = 1;; attempt++) {
			boolean fresh = socket == null;
			try {
				if (fresh) {
					open();
				}
				out.write(request);
				out.flush();
				return readResponse();
			}
			catch (IOException ex) {
				close();
				// a kept-alive connection the server closed meanwhile: once more on a new one
				if (fresh || attempt > 1) {
					throw ex;
				}
			}
		}
	}

	private void open() throws IOException {
		socket = new Socket();
		socket.setTcpNoDelay(true);
		socket.connect(new InetSocketAddress(host, port), 10_000);
		socket.setSoTimeout(10_000);
		in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
		out = socket.getOutputStream();
	}

	private int readResponse() throws IOException {
		String status = line();
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false, close = false;
		for (String h; !(h = line()).isEmpty();) {
			int colon = h.indexOf(':');
			String name = h.substring(0, colon).trim(), value = h.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("content-length")) length = Long.parseLong(value);
			else if (name.equalsIgnoreCase("transfer-encoding")) chunked = value.toLowerCase().contains("chunked");
			else if (name.equalsIgnoreCase("connection")) close = value.equalsIgnoreCase("close");
		}
		if (chunked) {
			for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0;) {
				skip(size);
				line();
			}
			while (!line().isEmpty()) {
				// trailers
			}
		}
		else if (length > 0) {
			skip(length);
		}
		if (close) {
			close();
		}
		return code;
	}

	private final ByteArrayOutputStream lineBuffer = new ByteArrayOutputStream(256);

	private String line() throws IOException {
		lineBuffer.reset();
		for (int c; (c = in.read()) != '\n';) {
			if (c < 0) {
				throw new EOFException("connection closed");
			}
			if (c != '\r') {
				lineBuffer.write(c);
			}
		}
		return lineBuffer.toString(StandardCharsets.ISO_8859_1);
	}

	private void skip(long n) throws IOException {
		while (n > 0) {
			long skipped = in.skip(n);
			if (skipped <= 0) {
				if (in.read() < 0) {
					throw new EOFException("connection closed in a body");
				}
				skipped = 1;
			}
			n -= skipped;
		}
	}

	@Override
	public void close() {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		socket = null;
	}

}
