package dev.groupchat.identity;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token validation. Exactly one of {@code secret} (HS256, at least 32 bytes; env
 * {@code GROUPCHAT_JWT_SECRET}) or {@code jwkSetUri} (RS256/ES256; env
 * {@code GROUPCHAT_JWT_JWK_SET_URI}) is used. With neither, and only on the embedded
 * development database, a secret is generated once and kept in {@code secretFile}. When
 * {@code issuer} (env {@code GROUPCHAT_JWT_ISSUER}) or {@code audience}
 * ({@code GROUPCHAT_JWT_AUDIENCE}) is set, a token must carry that {@code iss}, or that
 * value among its {@code aud}.
 */
@ConfigurationProperties("groupchat.jwt")
public record JwtProperties(String secret, String jwkSetUri, Path secretFile, Duration clockSkew, String issuer,
		String audience) {

	public JwtProperties {
		secretFile = secretFile == null ? defaultSecretFile() : secretFile;
		clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
	}

	static Path defaultSecretFile() {
		return Path.of(System.getProperty("user.home"), ".groupchat", "jwt-secret");
	}

	boolean hasSecret() {
		return secret != null && !secret.isBlank();
	}

	boolean hasIssuer() {
		return issuer != null && !issuer.isBlank();
	}

	boolean hasAudience() {
		return audience != null && !audience.isBlank();
	}

	boolean hasJwkSetUri() {
		return jwkSetUri != null && !jwkSetUri.isBlank();
	}

}
