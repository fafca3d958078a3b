/**
 * Groups and who is in them: creation and settings, roles, invites, join requests, bans
 * and the eligibility rules. Publishes domain events
 * ({@link dev.groupchat.groups.MemberJoined}, …) that other modules react to after
 * commit; it knows nothing of them.
 */
@ApplicationModule(displayName = "Groups and membership", allowedDependencies = { "shared", "identity", "safety" })
@NullMarked
package dev.groupchat.groups;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
