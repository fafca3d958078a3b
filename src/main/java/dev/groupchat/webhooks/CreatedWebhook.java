package dev.groupchat.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A new endpoint, with the secret that signs its deliveries: shown this once. The HMAC
 * key is the secret string's UTF-8 bytes.
 */
record CreatedWebhook(UUID id, String url, List<String> events, String secret, Instant createdAt) {
}
