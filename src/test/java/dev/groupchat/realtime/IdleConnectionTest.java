package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.RawStompSocket;
import dev.groupchat.support.RawStompSocket.Frame;
import dev.groupchat.support.RawWebSocket;
import dev.groupchat.support.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Connections that hold a socket without ever saying anything: with the default settings,
 * a WebSocket without CONNECT and a TCP connection without a request are both closed
 * within seconds.
 */
class IdleConnectionTest extends EndToEndTest {

	@Test
	void aWebSocketThatNeverSendsConnectIsClosedAfterTheConnectTimeout() throws Exception {
		long start = System.nanoTime();
		try (RawStompSocket socket = RawStompSocket.open(port)) {
			assertThat(socket.awaitClosed(Duration.ofSeconds(25))).as("closed without CONNECT").isTrue();
			Duration after = Duration.ofNanos(System.nanoTime() - start);
			assertThat(after).as("not before the 10 s connect timeout").isGreaterThan(Duration.ofSeconds(9));
			Frame error = socket.next(Duration.ofSeconds(1));
			assertThat(error).as("an ERROR says why").isNotNull();
			assertThat(error.command()).isEqualTo("ERROR");
			assertThat(error.json().path("status").asInt()).isEqualTo(401);
			assertThat(socket.closeStatus().getCode()).isEqualTo(1008);
		}
	}

	@Test
	void aTcpConnectionThatSendsNothingIsClosedWithinTheConnectionTimeout() throws Exception {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(25_000);
			long start = System.nanoTime();
			InputStream in = socket.getInputStream();
			int read;
			try {
				read = in.read();
			}
			catch (SocketTimeoutException ex) {
				read = -2;
			}
			catch (IOException ex) {
				read = -1;
			}
			Duration after = Duration.ofNanos(System.nanoTime() - start);
			assertThat(read).as("the server closed the idle connection").isEqualTo(-1);
			assertThat(after).as("within Tomcat's 10 s connection timeout").isLessThan(Duration.ofSeconds(16));
		}
	}

	@Test
	void aConnectedSessionWithoutHeartBeatsStaysOpenPastBothTimeouts() throws Exception {
		try (RawWebSocket socket = RawWebSocket.open(port, 0)) {
			socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer "
					+ TestTokens.token(user("quiet")) + "\n\n\0");
			assertThat(socket.nextText(Duration.ofSeconds(10))).startsWith("CONNECTED");
			Thread.sleep(13_000);
			socket.sendText("SUBSCRIBE\nid:e\ndestination:/user/queue/events\nreceipt:r\n\n\0");
			assertThat(socket.nextText(Duration.ofSeconds(10))).as("still served after 13 quiet seconds")
				.startsWith("RECEIPT");
		}
	}

}
