/**
 * Cross-cutting vocabulary every module may use: typed domain problems, cursor paging and
 * identifiers. Deliberately small.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.groupchat.shared;

import org.springframework.modulith.ApplicationModule;
