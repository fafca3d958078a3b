package dev.groupchat.moderation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

/**
 * Hit ratio and size of this module's caches ({@code cache_gets_total{cache=...}},
 * {@code cache_size}).
 */
@Component
class ModerationMetrics {

	ModerationMetrics(MeterRegistry registry, RateLimitGuard limits, KeywordFilters filters) {
		CaffeineCacheMetrics.monitor(registry, limits.userBuckets(), "rate_limit_users");
		CaffeineCacheMetrics.monitor(registry, limits.groupBuckets(), "rate_limit_groups");
		CaffeineCacheMetrics.monitor(registry, limits.newcomerBuckets(), "rate_limit_newcomers");
		CaffeineCacheMetrics.monitor(registry, filters.cache(), "keyword_filters");
	}

}
