package dev.groupchat.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code token <userId> [--name=N] [--fan-level=L] [--age-band=B] [--roles=a,b] [--ttl=PT24H] [--iss=I]
 * [--aud=A] [--dashboard]}: prints an HS256 token for development (with
 * {@code --dashboard}, the URL that opens the creator dashboard signed in), signed with
 * {@code GROUPCHAT_JWT_SECRET} or with the development secret file that the service uses
 * when no secret is configured. {@code iss} and {@code aud} default to
 * {@code GROUPCHAT_JWT_ISSUER} and {@code GROUPCHAT_JWT_AUDIENCE}, so a token minted next
 * to a configured service passes its checks.
 */
public final class TokenCommand {

	private TokenCommand() {
	}

	public static boolean matches(String[] args) {
		return args.length > 0 && "token".equals(args[0]);
	}

	public static int run(String[] args) {
		if (args.length < 2 || args[1].startsWith("--")) {
			System.err.println("usage: token <userId> [--name=N] [--fan-level=L] [--age-band=13-15|16-17|18+]"
					+ " [--roles=ops] [--ttl=PT24H] [--iss=ISSUER] [--aud=AUDIENCE] [--dashboard[=http://host:port]]");
			return 2;
		}
		try {
			Map<String, String> options = withConfiguredDefaults(options(Arrays.copyOfRange(args, 2, args.length)));
			String token = mint(args[1], options, secret());
			System.out.println(options.containsKey("dashboard")
					? dashboardUrl(options.get("dashboard"), System.getenv("SERVER_PORT"), token) : token);
			return 0;
		}
		catch (JOSEException | RuntimeException ex) {
			System.err.println("cannot mint a token: " + ex.getMessage());
			return 1;
		}
	}

	/**
	 * The address that opens the dashboard signed in: the token travels in the fragment,
	 * which the browser never sends to a server; {@code --dashboard} alone means this
	 * machine on the port the service takes from {@code SERVER_PORT} (8080 without it).
	 */
	static String dashboardUrl(String base, String serverPort, String token) {
		String port = serverPort != null && serverPort.matches("[0-9]{1,5}") ? serverPort : "8080";
		String root = base.isEmpty() ? "http://localhost:" + port : base.replaceAll("/+$", "");
		return root + "/dashboard#token=" + token;
	}

	static String mint(String subject, Map<String, String> options, String secret) throws JOSEException {
		Instant now = Instant.now();
		Duration ttl = Duration.parse(options.getOrDefault("ttl", "PT24H"));
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ttl)));
		if (options.containsKey("name")) {
			claims.claim("name", options.get("name"));
		}
		if (options.containsKey("fan-level")) {
			claims.claim("fan_level", Integer.parseInt(options.get("fan-level")));
		}
		if (options.containsKey("age-band")) {
			claims.claim("age_band", options.get("age-band"));
		}
		if (options.containsKey("iss")) {
			claims.issuer(options.get("iss"));
		}
		if (options.containsKey("aud")) {
			claims.audience(options.get("aud"));
		}
		if (options.containsKey("roles")) {
			claims.claim("roles", List.of(options.get("roles").split(",")));
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
		jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
		return jwt.serialize();
	}

	private static String secret() {
		String configured = System.getenv("GROUPCHAT_JWT_SECRET");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String file = System.getenv("GROUPCHAT_JWT_SECRET_FILE");
		return DevelopmentSecret.readOrCreate(file == null ? JwtProperties.defaultSecretFile() : Path.of(file));
	}

	private static Map<String, String> withConfiguredDefaults(Map<String, String> options) {
		putIfSet(options, "iss", System.getenv("GROUPCHAT_JWT_ISSUER"));
		putIfSet(options, "aud", System.getenv("GROUPCHAT_JWT_AUDIENCE"));
		return options;
	}

	private static void putIfSet(Map<String, String> options, String key, String value) {
		if (value != null && !value.isBlank()) {
			options.putIfAbsent(key, value);
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			if ("--dashboard".equals(arg)) {
				options.put("dashboard", "");
				continue;
			}
			int eq = arg.indexOf('=');
			if (!arg.startsWith("--") || eq < 0) {
				throw new IllegalArgumentException("options are --key=value, got " + arg);
			}
			options.put(arg.substring(2, eq), arg.substring(eq + 1));
		}
		return options;
	}

}
