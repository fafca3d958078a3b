package dev.groupchat.notifications;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a Google service-account JSON file that FCM needs: who signs (client
 * email, key id, PKCS#8 private key), where the token is exchanged, and the project.
 */
record FcmAccount(String projectId, String clientEmail, RSAPrivateKey privateKey, String privateKeyId, URI tokenUri) {

	/** Reads the file; a missing field or an unreadable key stops the start. */
	static FcmAccount read(Path file, JsonMapper json) {
		try {
			JsonNode account = json.readTree(Files.readString(file));
			return new FcmAccount(field(account, "project_id"), field(account, "client_email"),
					key(field(account, "private_key")), field(account, "private_key_id"),
					URI.create(field(account, "token_uri")));
		}
		catch (IOException | GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("groupchat.push.fcm.credentials: cannot read the service account "
					+ file.getFileName() + " (" + ex.getClass().getSimpleName() + ")", ex);
		}
	}

	private static String field(JsonNode account, String name) {
		String value = account.path(name).asString("");
		if (value.isBlank()) {
			throw new IllegalArgumentException("no " + name);
		}
		return value;
	}

	private static RSAPrivateKey key(String pem) throws GeneralSecurityException {
		String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
			.replace("-----END PRIVATE KEY-----", "")
			.replaceAll("\\s", "");
		byte[] der = Base64.getDecoder().decode(base64);
		return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
	}

}
