package dev.groupchat.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code chat <groupId> --token=<token> [--url=ws://localhost:8080/ws]}: a terminal chat
 * client. Prints the group's live events and the last 20 messages; every line typed is
 * sent as a TEXT message.
 */
public final class ChatCommand {

	private ChatCommand() {
	}

	public static boolean matches(String[] args) {
		return args.length > 0 && "chat".equals(args[0]);
	}

	public static int run(String[] args) throws Exception {
		String groupId = args.length > 1 && !args[1].startsWith("--") ? args[1] : null;
		String token = option(args, "token", System.getenv("GROUPCHAT_TOKEN"));
		String url = option(args, "url", "ws://localhost:8080/ws");
		if (groupId == null || token == null) {
			System.err.println("usage: chat <groupId> --token=<token> [--url=ws://localhost:8080/ws]");
			return 2;
		}
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.initialize();
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new JacksonJsonMessageConverter());
		client.setTaskScheduler(scheduler);
		client.setDefaultHeartbeat(new long[] { 10_000, 10_000 });
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + token);
		StompSession session = client.connectAsync(url, new WebSocketHttpHeaders(), connect, new Errors())
			.get(10, TimeUnit.SECONDS);
		subscribe(session, "/user/queue/acks", ChatCommand::printAck);
		StompHeaders topic = new StompHeaders();
		topic.setDestination("/topic/group." + groupId);
		topic.add("resume-after-seq", "0");
		session.subscribe(topic, printer(ChatCommand::printEvent));
		System.out.println("connected; type a message and press Enter (Ctrl-D to quit)");
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = in.readLine(); line != null && session.isConnected(); line = in.readLine()) {
			if (!line.isBlank()) {
				StompHeaders send = new StompHeaders();
				send.setDestination("/app/group." + groupId + ".send");
				session.send(send, Map.of("clientMsgId", UUID.randomUUID().toString(), "type", "TEXT", "text", line));
			}
		}
		session.disconnect();
		client.stop();
		scheduler.shutdown();
		return 0;
	}

	private static void subscribe(StompSession session, String destination, Consumer<JsonNode> out) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		session.subscribe(headers, printer(out));
	}

	private static StompFrameHandler printer(Consumer<JsonNode> out) {
		return new StompFrameHandler() {
			@Override
			public Type getPayloadType(StompHeaders headers) {
				return JsonNode.class;
			}

			@Override
			public void handleFrame(StompHeaders headers, @Nullable Object payload) {
				out.accept((JsonNode) payload);
			}
		};
	}

	private static void printEvent(JsonNode event) {
		String type = event.path("type").asString();
		JsonNode message = event.path("message");
		switch (type) {
			case "message.created" -> System.out.println(MessageLines.render(message));
			case "typing" -> System.out.printf("(%s is typing)%n", event.path("userId").asString());
			case "resync.required" -> System.out.println("(more history than fits; page it over REST)");
			default -> System.out.println("[" + type + "] " + event);
		}
	}

	private static void printAck(JsonNode ack) {
		if (!"OK".equals(ack.path("status").asString())) {
			System.out.println("! not sent: " + ack.path("problem").path("detail").asString());
		}
	}

	private static String option(String[] args, String name, String fallback) {
		for (String arg : args) {
			if (arg.startsWith("--" + name + "=")) {
				return arg.substring(name.length() + 3);
			}
		}
		return fallback;
	}

	private static final class Errors extends StompSessionHandlerAdapter {

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			System.err.println("server refused: " + headers.getFirst("message"));
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			System.err.println("connection lost: " + exception.getMessage());
		}

	}

}
