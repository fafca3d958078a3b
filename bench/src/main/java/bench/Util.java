package bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Tokens, REST calls, /proc readings and child processes. */
final class Util {

	private Util() {
	}

	// ---- tokens: hand-made HS256, as the contract describes ----

	static String token(String secret, String sub) {
		try {
			Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
			String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
			long exp = System.currentTimeMillis() / 1000 + 6 * 3600;
			String payload = b64.encodeToString(("{\"sub\":\"" + sub + "\",\"name\":\"" + sub + "\",\"exp\":" + exp + "}")
				.getBytes(StandardCharsets.UTF_8));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			String sig = b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
			return header + "." + payload + "." + sig;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---- REST ----

	static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	record Reply(int status, String body) {
	}

	static Reply call(String base, String method, String path, String token, String json) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			b.header("Authorization", "Bearer " + token);
		}
		if (json != null) {
			b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			b.method(method, HttpRequest.BodyPublishers.noBody());
		}
		for (int attempt = 1;; attempt++) {
			try {
				HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
				if (r.statusCode() == 503 && attempt < 10) {
					// the service's own "retry in a second" (a setup burst outran the pool on a loaded machine)
					Thread.sleep(1000);
					continue;
				}
				return new Reply(r.statusCode(), r.body());
			}
			catch (IOException ex) {
				if (attempt >= 3) {
					throw new IllegalStateException(method + " " + path + ": " + ex, ex);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	static String expect(Reply r, int... ok) {
		for (int s : ok) {
			if (r.status() == s) {
				return r.body();
			}
		}
		throw new IllegalStateException("HTTP " + r.status() + ": " + r.body());
	}

	static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return m.group(1);
	}

	// ---- machine readings ----

	static String loadavg() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	/** utime+stime of a process in clock ticks (100/s on Linux), or -1. */
	static long cpuTicks(long pid) {
		if (pid <= 0) {
			return -1;
		}
		try {
			String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(f[11]) + Long.parseLong(f[12]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** Resident set size in KiB, or -1. */
	static long rssKb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// fall through
		}
		return -1;
	}

	/** Runs a command, bounded in time; answers stdout+stderr. */
	static String run(long timeoutSeconds, List<String> command) {
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
			byte[][] out = new byte[1][];
			Thread reader = Thread.ofVirtual().start(() -> {
				try {
					out[0] = p.getInputStream().readAllBytes();
				}
				catch (IOException ex) {
					out[0] = new byte[0];
				}
			});
			if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
			}
			reader.join(5000);
			String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
			if (p.exitValue() != 0) {
				throw new IllegalStateException("exit " + p.exitValue() + " of " + command + ":\n" + text);
			}
			return text;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static List<String> list(String... parts) {
		return new ArrayList<>(List.of(parts));
	}

	static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
