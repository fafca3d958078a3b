package dev.groupchat.safety;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

/**
 * Hit ratio and size of the blocks cache ({@code cache_gets_total{cache="user_blocks"}}).
 */
@Component
class SafetyMetrics {

	SafetyMetrics(MeterRegistry registry, Blocks blocks) {
		CaffeineCacheMetrics.monitor(registry, blocks.cache(), "user_blocks");
	}

}
