package dev.groupchat.scaleout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a real server, to take the server away from a client
 * and give it back without touching the server: {@link #cut()} closes every proxied
 * connection and refuses new ones (accepted and closed at once), {@link #restore()} lets
 * them through again.
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean up = true;

	private TcpProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofPlatform().daemon().name("tcp-proxy-accept").start(this::accept);
	}

	static TcpProxy to(int targetPort) throws IOException {
		return new TcpProxy(targetPort);
	}

	int port() {
		return server.getLocalPort();
	}

	/**
	 * The server is gone for the clients: open connections drop, new ones are closed at
	 * once.
	 */
	void cut() {
		up = false;
		for (Socket socket : open) {
			closeQuietly(socket);
		}
		open.clear();
	}

	void restore() {
		up = true;
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				if (!up) {
					closeQuietly(client);
					continue;
				}
				Socket target = new Socket();
				try {
					target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
				}
				catch (IOException ex) {
					closeQuietly(client);
					continue;
				}
				open.add(client);
				open.add(target);
				pump(client, target);
				pump(target, client);
			}
			catch (IOException ex) {
				// the proxy is closing
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread.ofPlatform().daemon().name("tcp-proxy-pump").start(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed: close both
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				open.remove(from);
				open.remove(to);
			}
		});
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		server.close();
	}

}
