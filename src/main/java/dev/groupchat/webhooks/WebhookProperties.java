package dev.groupchat.webhooks;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhooks.
 *
 * @param allowPrivateAddresses lets endpoints use {@code http} and loopback, private and
 * link-local addresses (development and tests only: it opens the service to SSRF)
 * @param maxPerGroup endpoints one group may register
 * @param pollInterval how often an idle worker looks for due deliveries
 * @param concurrency deliveries in flight at once per node
 * @param connectTimeout longest wait for an endpoint's TCP/TLS connection
 * @param readTimeout longest wait for an endpoint's answer once connected
 * @param initialBackoff wait before the first retry; doubled per attempt, jittered in its
 * upper half
 * @param maxBackoff longest wait between tries
 * @param retryFor how long a delivery is retried before it is given up
 * @param lease how long a claimed delivery is kept from other workers (longer than a
 * request can take; after a crash another node tries it again once it ends)
 */
@Validated
@ConfigurationProperties("groupchat.webhooks")
record WebhookProperties(@DefaultValue("false") boolean allowPrivateAddresses,
		@DefaultValue("10") @Min(1) int maxPerGroup,
		@DefaultValue("500ms") @DurationMin(nanos = 1) Duration pollInterval,
		@DefaultValue("8") @Min(1) int concurrency, @DefaultValue("5s") @DurationMin(nanos = 1) Duration connectTimeout,
		@DefaultValue("5s") @DurationMin(nanos = 1) Duration readTimeout,
		@DefaultValue("1s") @DurationMin(nanos = 1) Duration initialBackoff,
		@DefaultValue("1h") @DurationMin(nanos = 1) Duration maxBackoff,
		@DefaultValue("24h") @DurationMin(nanos = 1) Duration retryFor,
		@DefaultValue("60s") @DurationMin(nanos = 1) Duration lease) {
}
