/**
 * Reaching members who are offline: their devices, and pushes through a Matrix-style push
 * gateway or FCM HTTP v1. Each stored message leaves one outbox row (written with the
 * message); workers on every node claim rows with {@code FOR UPDATE SKIP LOCKED}, expand
 * them into per-device deliveries by the members' settings, and send them with retries.
 */
@ApplicationModule(displayName = "Notifications",
		allowedDependencies = { "shared", "identity", "groups", "messaging", "realtime" })
@NullMarked
package dev.groupchat.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
