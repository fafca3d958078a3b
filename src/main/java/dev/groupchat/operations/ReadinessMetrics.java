package dev.groupchat.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code groupchat_readiness_up}: 1 while the readiness group
 * ({@code /actuator/health/readiness}, what the load balancer asks) is UP, else 0.
 * Evaluated at each scrape, like the probe itself, so {@code changes()} over it shows a
 * node flapping.
 */
@Component
class ReadinessMetrics {

	ReadinessMetrics(MeterRegistry registry, HealthEndpoint health) {
		Gauge.builder("groupchat.readiness.up", health, ReadinessMetrics::up)
			.description("1 while this node's readiness group is UP")
			.register(registry);
	}

	private static double up(HealthEndpoint health) {
		try {
			HealthDescriptor readiness = health.healthForPath("readiness");
			return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

}
