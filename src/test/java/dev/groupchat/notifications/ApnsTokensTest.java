package dev.groupchat.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider tokens: reused for 50 minutes, renewed when refused, read from a .p8 file. */
class ApnsTokensTest {

	@TempDir
	Path dir;

	/** A clock the test moves. */
	static final class Moving extends Clock {

		Instant now = Instant.parse("2026-12-01T10:00:00Z");

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

	@Test
	void aTokenIsReusedFor50MinutesAndRenewedWhenRefused() throws Exception {
		KeyPair keys = keys();
		Moving clock = new Moving();
		ApnsTokens tokens = new ApnsTokens(ApnsTokens.read(p8(keys)), "KID1234567", "TEAM123456", clock);

		String first = tokens.current();
		clock.now = clock.now.plus(Duration.ofMinutes(49));
		assertThat(tokens.current()).as("reused within 50 minutes").isEqualTo(first);
		clock.now = clock.now.plus(Duration.ofMinutes(1));
		String second = tokens.current();
		assertThat(second).as("renewed after 50 minutes").isNotEqualTo(first);
		assertThat(SignedJWT.parse(second).getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(clock.now);

		tokens.invalidate(first);
		assertThat(tokens.current()).as("forgetting an older token keeps the current one").isEqualTo(second);
		tokens.invalidate(second);
		String third = tokens.current();
		assertThat(third).isNotEqualTo(second);
		SignedJWT jwt = SignedJWT.parse(third);
		assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("TEAM123456");
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("KID1234567");
	}

	@Test
	void anUnreadableKeyStopsTheStartWithoutShowingIt() throws Exception {
		Path bad = dir.resolve("AuthKey_X.p8");
		Files.writeString(bad, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");

		assertThatThrownBy(() -> ApnsTokens.read(bad)).isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("groupchat.push.apns.key: cannot read")
			.hasMessageNotContaining("not a key");
		assertThat(ApnsTokens.read(p8(keys()))).isInstanceOf(ECPrivateKey.class);
	}

	private static KeyPair keys() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private Path p8(KeyPair keys) throws Exception {
		Path file = Files.createTempFile(dir, "AuthKey_", ".p8");
		Files.writeString(file,
				"-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
						+ "\n-----END PRIVATE KEY-----\n");
		return file;
	}

}
