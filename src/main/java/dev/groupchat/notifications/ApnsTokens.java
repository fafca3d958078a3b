package dev.groupchat.notifications;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * APNs provider tokens: a JWT signed with the team's {@code .p8} key (ES256, {@code kid}
 * the key id, {@code iss} the team id, {@code iat} now). Apple wants one refreshed
 * between 20 and 60 minutes, so a token is reused for 50 minutes, and renewed at once
 * when APNs calls it expired or invalid.
 */
class ApnsTokens {

	static final Duration REUSE = Duration.ofMinutes(50);

	private record Token(String value, Instant renewAt) {
	}

	private final ECPrivateKey key;

	private final String keyId;

	private final String teamId;

	private final Clock clock;

	private @Nullable Token token;

	ApnsTokens(ECPrivateKey key, String keyId, String teamId, Clock clock) {
		this.key = key;
		this.keyId = keyId;
		this.teamId = teamId;
		this.clock = clock;
	}

	/** Reads the {@code .p8} file; an unreadable key stops the start. */
	static ECPrivateKey read(Path file) {
		try {
			String base64 = Files.readString(file)
				.replace("-----BEGIN PRIVATE KEY-----", "")
				.replace("-----END PRIVATE KEY-----", "")
				.replaceAll("\\s", "");
			byte[] der = Base64.getDecoder().decode(base64);
			return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
			throw new IllegalStateException("groupchat.push.apns.key: cannot read the EC private key "
					+ file.getFileName() + " (" + ex.getClass().getSimpleName() + ")", ex);
		}
	}

	/** The current provider token, or a new one after 50 minutes. */
	synchronized String current() throws JOSEException {
		Token cached = token;
		if (cached != null && clock.instant().isBefore(cached.renewAt())) {
			return cached.value();
		}
		Instant now = clock.instant();
		Token fresh = new Token(sign(now), now.plus(REUSE));
		token = fresh;
		return fresh.value();
	}

	/** Forgets the token APNs refused, so that the next call signs a new one. */
	synchronized void invalidate(String refused) {
		Token cached = token;
		if (cached != null && cached.value().equals(refused)) {
			token = null;
		}
	}

	private String sign(Instant now) throws JOSEException {
		// a jti tells two tokens of the same second apart
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(teamId)
			.issueTime(Date.from(now))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(), claims);
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

}
