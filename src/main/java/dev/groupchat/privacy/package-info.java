/**
 * Data rights: a user's export of everything the service holds about them, deleting their
 * account (leaving every group, recalling their messages, erasing their profile), and
 * per-group message retention. Works only through the public API of the modules that own
 * the data, so their rules and events apply unchanged.
 */
@ApplicationModule(displayName = "Data rights",
		allowedDependencies = { "shared", "identity", "groups", "messaging", "safety" })
@NullMarked
package dev.groupchat.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
