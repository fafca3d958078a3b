/**
 * Safety tools of one user against another: blocks. A block is private to the one who
 * made it; other modules ask {@link dev.groupchat.safety.Blocks} whom a user blocked
 * (history, live delivery, notifications, adding to groups) and hear of changes through
 * {@link dev.groupchat.safety.BlockChanged}.
 */
@ApplicationModule(displayName = "Safety", allowedDependencies = { "shared", "identity" })
@NullMarked
package dev.groupchat.safety;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
