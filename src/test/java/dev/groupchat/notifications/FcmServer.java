package dev.groupchat.notifications;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Google's OAuth2 token endpoint and FCM HTTP v1 on loopback, with a service account of a
 * freshly generated RSA key written to a temporary file. It records the token requests
 * and the sends; a send answers 200 unless its device token was given other answers, and
 * 401 when its bearer token was revoked.
 */
final class FcmServer {

	static final String PROJECT = "groupchat-test";

	static final String CLIENT_EMAIL = "pusher@groupchat-test.iam.gserviceaccount.com";

	static final String KEY_ID = "key-1";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final HttpServer server;

	final KeyPair keys;

	final Path credentials;

	final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();

	final List<Send> sends = new CopyOnWriteArrayList<>();

	final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

	final Set<String> revoked = ConcurrentHashMap.newKeySet();

	private final AtomicInteger issued = new AtomicInteger();

	/** A form posted to the token endpoint. */
	record TokenRequest(Map<String, String> form, String contentType) {
	}

	/** A messages:send request and what it was answered. */
	record Send(String path, String authorization, JsonNode message, int answered, Instant at) {

		String deviceToken() {
			return message.path("token").asString();
		}

	}

	record Answer(int status, String body, String retryAfter) {
	}

	FcmServer() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			keys = generator.generateKeyPair();
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/token", this::token);
			server.createContext("/v1/projects/", this::send);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			credentials = Files.createTempFile("fcm-service-account", ".json");
			credentials.toFile().deleteOnExit();
			Files.writeString(credentials, serviceAccount());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	String credentials() {
		return credentials.toString();
	}

	RSAPublicKey publicKey() {
		return (RSAPublicKey) keys.getPublic();
	}

	void script(String deviceToken, Answer... answers) {
		scripts.put(deviceToken, new ArrayDeque<>(List.of(answers)));
	}

	List<Send> sends(String deviceToken) {
		return sends.stream().filter(s -> s.deviceToken().equals(deviceToken)).toList();
	}

	List<JsonNode> delivered(String deviceToken) {
		return sends(deviceToken).stream().filter(s -> s.answered() == 200).map(Send::message).toList();
	}

	static Answer unregistered() {
		return new Answer(404, """
				{"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND",
				  "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
				               "errorCode": "UNREGISTERED"}]}}""", null);
	}

	static Answer unavailable(String retryAfter) {
		return new Answer(503, """
				{"error": {"code": 503, "message": "The service is currently unavailable.", "status": "UNAVAILABLE",
				  "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
				               "errorCode": "UNAVAILABLE"}]}}""", retryAfter);
	}

	static Answer invalidArgument() {
		return new Answer(400, """
				{"error": {"code": 400, "message": "Invalid value at 'message.data[0].value'",
				  "status": "INVALID_ARGUMENT",
				  "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
				               "errorCode": "INVALID_ARGUMENT"}]}}""", null);
	}

	private String serviceAccount() {
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(keys.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		Map<String, String> account = new HashMap<>();
		account.put("type", "service_account");
		account.put("project_id", PROJECT);
		account.put("private_key_id", KEY_ID);
		account.put("private_key", pem);
		account.put("client_email", CLIENT_EMAIL);
		account.put("client_id", "1234567890");
		account.put("token_uri", url() + "/token");
		return JSON.writeValueAsString(account);
	}

	private void token(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			String[] kv = pair.split("=", 2);
			form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
					kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
		}
		tokenRequests.add(new TokenRequest(form, exchange.getRequestHeaders().getFirst("Content-Type")));
		answer(exchange, 200, JSON.writeValueAsString(Map.of("access_token", "ya29.test-" + issued.incrementAndGet(),
				"expires_in", 3599, "token_type", "Bearer")), null);
	}

	private void send(HttpExchange exchange) throws IOException {
		JsonNode message = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("message");
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String deviceToken = message.path("token").asString();
		Answer answer;
		if (authorization == null || revoked.contains(authorization.substring("Bearer ".length()))) {
			answer = new Answer(401, "{\"error\": {\"code\": 401, \"status\": \"UNAUTHENTICATED\"}}", null);
		}
		else {
			Deque<Answer> script = scripts.get(deviceToken);
			Answer scripted = script == null ? null : script.poll();
			answer = scripted == null ? new Answer(200, "{\"name\": \"projects/" + PROJECT + "/messages/1\"}", null)
					: scripted;
		}
		sends.add(new Send(exchange.getRequestURI().getPath(), authorization, message, answer.status(), Instant.now()));
		answer(exchange, answer.status(), answer.body(), answer.retryAfter());
	}

	private static void answer(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
		if (retryAfter != null) {
			exchange.getResponseHeaders().add("Retry-After", retryAfter);
		}
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
