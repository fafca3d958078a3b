/**
 * Cross-cutting vocabulary every module may use: typed domain problems, cursor paging and
 * identifiers. Deliberately small.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package dev.groupchat.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
