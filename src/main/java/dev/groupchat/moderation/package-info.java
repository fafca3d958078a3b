/**
 * The controls creators use to keep fan groups healthy: rate limits, keyword filters,
 * reports and their resolution, and the audit log of every moderation action. Hooks into
 * the send path through {@link dev.groupchat.messaging.SendGuard}.
 */
@ApplicationModule(displayName = "Moderation", allowedDependencies = { "shared", "identity", "groups", "messaging" })
@NullMarked
package dev.groupchat.moderation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
