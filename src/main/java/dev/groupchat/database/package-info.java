/**
 * Where the data lives: the configured PostgreSQL, or, with nothing configured, an embedded one
 * whose data directory survives restarts.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.groupchat.database;

import org.springframework.modulith.ApplicationModule;
