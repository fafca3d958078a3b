/**
 * Live delivery: STOMP 1.2 over WebSocket at {@code /ws}. Owns the sessions, the
 * subscriptions and the fan-out; listens to the other modules' events after commit and
 * pushes them through a small {@link dev.groupchat.realtime.EventBus} seam (in-memory
 * here; a RabbitMQ bus lets several nodes each fan out to their own sessions).
 */
@ApplicationModule(displayName = "Real time",
		allowedDependencies = { "shared", "identity", "groups", "messaging", "moderation", "safety", "pins" })
@NullMarked
package dev.groupchat.realtime;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
