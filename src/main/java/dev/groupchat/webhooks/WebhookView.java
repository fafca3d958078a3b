package dev.groupchat.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registered endpoint as its group's OWNER lists it: never with its secret. */
record WebhookView(UUID id, String url, List<String> events, Instant createdAt) {
}
