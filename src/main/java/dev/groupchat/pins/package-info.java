/**
 * Pinned messages and the group's announcement (at most 10 pins per group, optionally
 * until a time; one of them may be the announcement, which the group JSON carries through
 * {@link dev.groupchat.groups.Announcements}), and the read-through ("reach") of pinned
 * messages and of the owner's and admins' messages, from the read markers. Publishes
 * {@link dev.groupchat.pins.PinChanged}; writes SYSTEM messages through the messaging
 * module's API.
 */
@ApplicationModule(displayName = "Pins and announcements",
		allowedDependencies = { "shared", "identity", "groups", "messaging" })
@NullMarked
package dev.groupchat.pins;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
