/**
 * Messages: stored history with a gapless per-group {@code seq}, idempotent sends, edits,
 * recalls, reactions and reports. Publishes {@link dev.groupchat.messaging.MessagePosted}
 * and friends after each change; it knows nothing of how they reach devices.
 */
@ApplicationModule(displayName = "Messaging", allowedDependencies = { "shared", "identity", "groups", "safety" })
@NullMarked
package dev.groupchat.messaging;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
