package dev.groupchat.groups;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

/**
 * Hit ratio and size of this module's caches ({@code cache_gets_total{cache=...}},
 * {@code cache_size}).
 */
@Component
class GroupsMetrics {

	GroupsMetrics(MeterRegistry registry, GroupAccess access) {
		CaffeineCacheMetrics.monitor(registry, access.cache(), "standings");
	}

}
