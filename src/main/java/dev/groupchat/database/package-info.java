/**
 * Where the data lives: the configured PostgreSQL, or, with nothing configured, an embedded one
 * whose data directory survives restarts.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.groupchat.database;
