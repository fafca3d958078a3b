package dev.groupchat.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 secret of a zero-configuration development run: generated once, kept in a
 * file only its owner can read, so that tokens minted with {@code token} stay valid
 * across restarts.
 */
final class DevelopmentSecret {

	private DevelopmentSecret() {
	}

	static String readOrCreate(Path file) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).trim();
			}
			byte[] random = new byte[48];
			new SecureRandom().nextBytes(random);
			String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, secret, StandardCharsets.UTF_8);
			restrict(file);
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot keep the development JWT secret in " + file, ex);
		}
	}

	private static void restrict(Path file) {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException | IOException ex) {
			// not a POSIX file system: the file keeps the default permissions
		}
	}

}
