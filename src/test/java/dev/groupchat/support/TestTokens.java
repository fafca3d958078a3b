package dev.groupchat.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Mints tokens as the platform would, signed with the suite's secret. */
public final class TestTokens {

	public static final String SECRET = "test-secret-of-the-groupchat-suite-0123456789";

	private TestTokens() {
	}

	public static String token(String userId) {
		return token(userId, Map.of("name", "User " + userId));
	}

	public static String token(String userId, Map<String, Object> claims) {
		return token(userId, claims, Duration.ofHours(1), SECRET);
	}

	public static String token(String userId, Map<String, Object> claims, Duration ttl, String secret) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(userId)
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plus(ttl)));
		claims.forEach(builder::claim);
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
			jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
