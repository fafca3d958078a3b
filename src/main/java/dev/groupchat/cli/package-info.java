/**
 * Command-line tools of the packaged jar for developers: a terminal chat client that
 * speaks the same STOMP protocol as the mobile app.
 */
@ApplicationModule(displayName = "Command line", allowedDependencies = {})
@NullMarked
package dev.groupchat.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
