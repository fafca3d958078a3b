/**
 * Where the data lives: the configured PostgreSQL, or, with nothing configured, an
 * embedded one whose data directory survives restarts.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package dev.groupchat.database;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
