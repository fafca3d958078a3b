/**
 * Who is calling: bearer-token validation (HS256 secret or an identity provider's JWK
 * set), the {@link dev.groupchat.identity.CurrentUser} taken from its claims, and the
 * profile rows kept from them. Users are owned by the platform; this module only mirrors
 * what tokens say.
 */
@ApplicationModule(displayName = "Identity")
@NullMarked
package dev.groupchat.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
