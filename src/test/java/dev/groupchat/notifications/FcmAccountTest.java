package dev.groupchat.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service-account file that cannot be used stops the start with a message that names
 * the file and what is wrong, never the key.
 */
class FcmAccountTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void theGeneratedAccountIsRead() {
		FcmAccount account = FcmAccount.read(PushEndToEndTest.FCM.credentials, JSON);

		assertThat(account.projectId()).isEqualTo(FcmServer.PROJECT);
		assertThat(account.clientEmail()).isEqualTo(FcmServer.CLIENT_EMAIL);
		assertThat(account.privateKeyId()).isEqualTo(FcmServer.KEY_ID);
		assertThat(account.privateKey().getModulus()).isEqualTo(PushEndToEndTest.FCM.publicKey().getModulus());
	}

	@Test
	void anAccountWithoutAKeyOrWithABrokenOneIsRefused() throws Exception {
		Path noKey = Files.writeString(dir.resolve("no-key.json"), """
				{"project_id": "p", "client_email": "a@p.iam.gserviceaccount.com", "private_key_id": "k",
				 "token_uri": "https://oauth2.googleapis.com/token"}""");
		Path broken = Files.writeString(dir.resolve("broken.json"), """
				{"project_id": "p", "client_email": "a@p.iam.gserviceaccount.com", "private_key_id": "k",
				 "private_key": "-----BEGIN PRIVATE KEY-----\\nc2VjcmV0\\n-----END PRIVATE KEY-----\\n",
				 "token_uri": "https://oauth2.googleapis.com/token"}""");

		assertThatThrownBy(() -> FcmAccount.read(noKey, JSON)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("no-key.json")
			.hasRootCauseMessage("no private_key");
		assertThatThrownBy(() -> FcmAccount.read(broken, JSON)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("broken.json")
			.hasMessageNotContaining("c2VjcmV0");
		assertThatThrownBy(() -> FcmAccount.read(dir.resolve("missing.json"), JSON))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("missing.json");
	}

}
