package dev.groupchat.notifications;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * APNs on loopback: an embedded Tomcat speaking HTTP/2 over TLS (ALPN) with a self-signed
 * EC certificate made for the run by the JDK's keytool, and a {@code .p8} key of a fresh
 * P-256 pair. It records each request (method, path, protocol, headers, body) and answers
 * 200 unless its device token was given other answers, and 403 ExpiredProviderToken when
 * its provider token was revoked.
 */
final class ApnsServer {

	static final String KEY_ID = "ABC123DEFG";

	static final String TEAM_ID = "DEF123GHIJ";

	static final String TOPIC = "dev.groupchat.ios";

	static final String PASSWORD = "changeit";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final KeyPair keys;

	final Path key;

	final Path trustStore;

	final List<Send> sends = new CopyOnWriteArrayList<>();

	final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

	final Set<String> revoked = ConcurrentHashMap.newKeySet();

	private final Tomcat tomcat;

	private final int port;

	/** A request as APNs got it, and what it was answered. */
	record Send(String method, String path, String protocol, Map<String, String> headers, JsonNode payload,
			int answered, Instant at) {

		String deviceToken() {
			return path.substring(path.lastIndexOf('/') + 1);
		}

		String jwt() {
			String authorization = headers.getOrDefault("authorization", "");
			return authorization.startsWith("bearer ") ? authorization.substring("bearer ".length()) : "";
		}

	}

	record Answer(int status, String reason, String retryAfter) {
	}

	ApnsServer() {
		try {
			Path dir = Files.createTempDirectory("apns-server");
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			keys = generator.generateKeyPair();
			key = dir.resolve("AuthKey_" + KEY_ID + ".p8");
			Files.writeString(key,
					"-----BEGIN PRIVATE KEY-----\n"
							+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
								.encodeToString(keys.getPrivate().getEncoded())
							+ "\n-----END PRIVATE KEY-----\n");
			Path keyStore = dir.resolve("server.p12");
			keytool("-genkeypair", "-alias", "apns", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
					"CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
					"-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
			trustStore = dir.resolve("trust.p12");
			writeTrustStore(keyStore, trustStore);
			tomcat = new Tomcat();
			tomcat.setBaseDir(dir.resolve("tomcat").toString());
			Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
			connector.setPort(0);
			connector.setProperty("address", "127.0.0.1");
			connector.setScheme("https");
			connector.setSecure(true);
			connector.setProperty("SSLEnabled", "true");
			SSLHostConfig ssl = new SSLHostConfig();
			SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.EC);
			certificate.setCertificateKeystoreFile(keyStore.toString());
			certificate.setCertificateKeystorePassword(PASSWORD);
			certificate.setCertificateKeystoreType("PKCS12");
			certificate.setCertificateKeyAlias("apns");
			ssl.addCertificate(certificate);
			connector.addSslHostConfig(ssl);
			connector.addUpgradeProtocol(new Http2Protocol());
			tomcat.getService().addConnector(connector);
			tomcat.setConnector(connector);
			Context context = tomcat.addContext("", null);
			Tomcat.addServlet(context, "apns", new Servlet());
			context.addServletMappingDecoded("/*", "apns");
			tomcat.start();
			port = connector.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException | LifecycleException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void keytool(String... arguments) throws IOException, InterruptedException {
		Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
		List<String> command = new ArrayList<>();
		command.add(java.resolveSibling("keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
	}

	/** A trust store holding only the server's certificate. */
	private static void writeTrustStore(Path keyStore, Path trustStore) throws IOException, GeneralSecurityException {
		KeyStore server = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			server.load(in, PASSWORD.toCharArray());
		}
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("apns", server.getCertificate("apns"));
		try (OutputStream out = Files.newOutputStream(trustStore)) {
			trust.store(out, PASSWORD.toCharArray());
		}
	}

	String url() {
		return "https://127.0.0.1:" + port;
	}

	ECPublicKey publicKey() {
		return (ECPublicKey) keys.getPublic();
	}

	void script(String deviceToken, Answer... answers) {
		scripts.put(deviceToken, new ArrayDeque<>(List.of(answers)));
	}

	List<Send> sends(String deviceToken) {
		return sends.stream().filter(s -> s.deviceToken().equals(deviceToken)).toList();
	}

	List<Send> delivered(String deviceToken) {
		return sends(deviceToken).stream().filter(s -> s.answered() == 200).toList();
	}

	static Answer unregistered() {
		return new Answer(410, "Unregistered", null);
	}

	static Answer unavailable(String retryAfter) {
		return new Answer(503, "ServiceUnavailable", retryAfter);
	}

	private final class Servlet extends HttpServlet {

		private static final long serialVersionUID = 1L;

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
			Map<String, String> headers = new HashMap<>();
			for (String name : Collections.list(request.getHeaderNames())) {
				headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
			}
			byte[] body = request.getInputStream().readAllBytes();
			JsonNode payload = body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
			String path = request.getRequestURI();
			String authorization = headers.getOrDefault("authorization", "");
			Answer answer;
			if (revoked.contains(authorization.replaceFirst("^bearer ", ""))) {
				answer = new Answer(403, "ExpiredProviderToken", null);
			}
			else {
				Deque<Answer> script = scripts.get(path.substring(path.lastIndexOf('/') + 1));
				Answer scripted = script == null ? null : script.poll();
				answer = scripted == null ? new Answer(200, null, null) : scripted;
			}
			sends.add(new Send(request.getMethod(), path, request.getProtocol(), headers, payload, answer.status(),
					Instant.now()));
			response.setStatus(answer.status());
			response.setHeader("apns-id", headers.getOrDefault("apns-id", "00000000-0000-0000-0000-000000000000"));
			if (answer.retryAfter() != null) {
				response.setHeader("Retry-After", answer.retryAfter());
			}
			if (answer.reason() != null) {
				response.setContentType("application/json");
				Map<String, Object> error = new HashMap<>();
				error.put("reason", answer.reason());
				if (answer.status() == 410) {
					error.put("timestamp", System.currentTimeMillis());
				}
				response.getOutputStream().write(JSON.writeValueAsBytes(error));
			}
		}

	}

}
