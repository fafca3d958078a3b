/**
 * What operators get beyond each module's own meters: readiness as a metric, so alerts
 * can see a node flapping between ready and not. Depends on no other module.
 */
@ApplicationModule(displayName = "Operations", allowedDependencies = {})
@NullMarked
package dev.groupchat.operations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
