/**
 * The application class and its start-up. Each capability is a Spring Modulith module in
 * a package of its own below this one.
 */
@NullMarked
package dev.groupchat;

import org.jspecify.annotations.NullMarked;
