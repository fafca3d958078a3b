package dev.groupchat.identity;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Hit ratio and size of this module's caches ({@code cache_gets_total{cache=...}},
 * {@code cache_size}).
 */
@Component
class IdentityMetrics {

	IdentityMetrics(MeterRegistry registry, UserProfiles profiles, JwtDecoder decoder) {
		CaffeineCacheMetrics.monitor(registry, profiles.cache(), "user_profiles");
		if (decoder instanceof CachingJwtDecoder caching) {
			CaffeineCacheMetrics.monitor(registry, caching.cache(), "validated_tokens");
		}
	}

}
