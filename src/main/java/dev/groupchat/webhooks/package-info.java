/**
 * Webhooks to the app's backend: a group's OWNER registers endpoints with the event types
 * they want; each event is written to an outbox in the transaction of the change
 * (messages: by the message insert itself) and delivered, signed with HMAC-SHA256, by
 * workers on every node that claim rows with {@code FOR UPDATE SKIP LOCKED}, in order per
 * endpoint, with retries for a day. Sends never wait on a delivery.
 */
@ApplicationModule(displayName = "Webhooks",
		allowedDependencies = { "shared", "identity", "groups", "messaging", "moderation", "realtime" })
@NullMarked
package dev.groupchat.webhooks;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
