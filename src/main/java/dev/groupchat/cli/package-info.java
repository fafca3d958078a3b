/**
 * Command-line tools of the packaged jar for developers: a terminal chat client that speaks the
 * same STOMP protocol as the mobile app.
 */
@ApplicationModule(displayName = "Command line", allowedDependencies = {})
package dev.groupchat.cli;

import org.springframework.modulith.ApplicationModule;
