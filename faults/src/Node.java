import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** One groupchat process (the packaged jar) and the REST calls the suite makes to it. */
final class Node {

	record Reply(int status, String body, long millis) {
	}

	final int port;

	private final Path jar;

	private final Path log;

	private final Map<String, String> env;

	private Process process;

	Node(Path jar, int port, Path log, Map<String, String> env) {
		this.jar = jar;
		this.port = port;
		this.log = log;
		this.env = env;
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	String ws() {
		return "ws://127.0.0.1:" + port + "/ws";
	}

	long pid() {
		return process.pid();
	}

	/** Starts the jar and waits (at most {@code limit}) until readiness is UP. */
	Node start(Duration limit) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder b = new ProcessBuilder(java, "-Xmx768m", "-jar", jar.toString(), "--server.port=" + port,
				"--server.address=127.0.0.1");
		b.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("GROUPCHAT_"));
		b.environment().putAll(env);
		b.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		process = b.start();
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("node " + port + " exited " + process.exitValue() + "; see " + log);
			}
			if (get("/actuator/health/readiness", null, Duration.ofSeconds(2)).status() == 200) {
				return this;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("node " + port + " not ready within " + limit + "; see " + log);
	}

	void kill9() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(10, TimeUnit.SECONDS);
	}

	/** SIGTERM; answers the milliseconds until the process was gone, or -1 past {@code limit}. */
	long sigterm(Duration limit) throws InterruptedException {
		long start = System.nanoTime();
		process.destroy();
		if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			return -1;
		}
		return (System.nanoTime() - start) / 1_000_000;
	}

	void stopQuietly() {
		if (process != null && process.isAlive()) {
			process.destroy();
			try {
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	Reply get(String path, String token, Duration timeout) {
		return call("GET", path, token, null, timeout);
	}

	Reply post(String path, String token, String json) {
		return call("POST", path, token, json, Duration.ofSeconds(30));
	}

	Reply call(String method, String path, String token, String json, Duration timeout) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(timeout);
		if (token != null) {
			b.header("Authorization", "Bearer " + token);
		}
		if (json != null) {
			b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			b.method(method, HttpRequest.BodyPublishers.noBody());
		}
		long start = System.nanoTime();
		try {
			HttpResponse<String> r = Stomp.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(r.statusCode(), r.body(), (System.nanoTime() - start) / 1_000_000);
		}
		catch (IOException ex) {
			return new Reply(-1, ex.toString(), (System.nanoTime() - start) / 1_000_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Reply(-1, "interrupted", 0);
		}
	}

	/** A FAN group owned by {@code owner} with the given members; answers its id. */
	String group(String secret, String owner, List<String> members) {
		Reply created = post("/api/v1/groups", token(secret, owner), "{\"name\":\"faults\",\"kind\":\"FAN\"}");
		if (created.status() != 201) {
			throw new IllegalStateException("create group: " + created);
		}
		String id = field(created.body(), "id");
		for (String member : members) {
			Reply added = post("/api/v1/groups/" + id + "/members", token(secret, owner), "{\"userId\":\"" + member + "\"}");
			if (added.status() != 201 && added.status() != 200) {
				throw new IllegalStateException("add member: " + added);
			}
		}
		return id;
	}

	record Stored(long seq, String clientMsgId) {
	}

	private static final Pattern MESSAGE = Pattern.compile("\"seq\":(\\d+),\"senderId\":\"[^\"]*\",\"clientMsgId\":\"([^\"]*)\"");

	/** The group's whole history, oldest first, through the REST API. */
	List<Stored> history(String token, String groupId) {
		List<Stored> all = new ArrayList<>();
		long after = 0;
		while (true) {
			Reply page = get("/api/v1/groups/" + groupId + "/messages?afterSeq=" + after + "&limit=200", token,
					Duration.ofSeconds(30));
			if (page.status() != 200) {
				throw new IllegalStateException("history: " + page);
			}
			Matcher m = MESSAGE.matcher(page.body());
			int n = 0;
			while (m.find()) {
				all.add(new Stored(Long.parseLong(m.group(1)), m.group(2)));
				after = Long.parseLong(m.group(1));
				n++;
			}
			if (n == 0 || !page.body().contains("\"hasMore\":true")) {
				return all;
			}
		}
	}

	static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return m.group(1);
	}

	/** An HS256 token as the platform would mint it. */
	static String token(String secret, String sub) {
		try {
			Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
			String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
			long exp = System.currentTimeMillis() / 1000 + 3600;
			String payload = b64.encodeToString(("{\"sub\":\"" + sub + "\",\"name\":\"" + sub + "\",\"exp\":" + exp
					+ (sub.startsWith("ops") ? ",\"roles\":[\"ops\"]" : "") + "}").getBytes(StandardCharsets.UTF_8));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return header + "." + payload + "."
					+ b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "";
		}
	}

}
