package dev.groupchat.privacy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Data rights settings.
 *
 * @param retentionInterval time between two retention passes
 * @param retentionBatchSize messages expired per transaction by a retention pass
 * @param deletionBatchSize messages recalled (or reactions withdrawn) per transaction
 * when an account is deleted
 */
@Validated
@ConfigurationProperties("groupchat.privacy")
record PrivacyProperties(Duration retentionInterval, @Min(1) @Max(10_000) Integer retentionBatchSize,
		@Min(1) @Max(10_000) Integer deletionBatchSize) {

	public PrivacyProperties {
		retentionInterval = retentionInterval == null ? Duration.ofMinutes(10) : retentionInterval;
		retentionBatchSize = retentionBatchSize == null ? 1_000 : retentionBatchSize;
		deletionBatchSize = deletionBatchSize == null ? 500 : deletionBatchSize;
	}

}
