/**
 * The creator dashboard: the page at {@code /dashboard} (static ES modules and WebJars, a
 * client of the public API like any app) and the stats endpoint it draws its charts from,
 * composed from the aggregates the groups, messaging and moderation modules offer.
 */
@ApplicationModule(displayName = "Creator dashboard",
		allowedDependencies = { "shared", "identity", "groups", "messaging", "moderation" })
@NullMarked
package dev.groupchat.dashboard;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
