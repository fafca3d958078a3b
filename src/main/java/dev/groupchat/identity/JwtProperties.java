package dev.groupchat.identity;

import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token validation. Exactly one of {@code secret} (HS256, at least 32 bytes; env
 * {@code GROUPCHAT_JWT_SECRET}) or {@code jwkSetUri} (RS256/ES256; env
 * {@code GROUPCHAT_JWT_JWK_SET_URI}) is used. With neither, and only on the embedded
 * development database, a secret is generated once and kept in {@code secretFile}. When
 * {@code issuer} (env {@code GROUPCHAT_JWT_ISSUER}) or {@code audience}
 * ({@code GROUPCHAT_JWT_AUDIENCE}) is set, a token must carry that {@code iss}, or that
 * value among its {@code aud}.
 */
@Validated
@ConfigurationProperties("groupchat.jwt")
public record JwtProperties(@Nullable String secret, @Nullable String jwkSetUri, Path secretFile,
		@DefaultValue("30s") @DurationMin(nanos = 0) Duration clockSkew, @Nullable String issuer,
		@Nullable String audience) {

	public JwtProperties {
		// not a @DefaultValue: the default lies in the home directory of the user running
		// the service
		secretFile = secretFile == null ? defaultSecretFile() : secretFile;
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
