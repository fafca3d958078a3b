package dev.groupchat.privacy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
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
record PrivacyProperties(@DefaultValue("10m") @NotNull @DurationMin(nanos = 1) Duration retentionInterval,
		@DefaultValue("1000") @Min(1) @Max(10_000) int retentionBatchSize,
		@DefaultValue("500") @Min(1) @Max(10_000) int deletionBatchSize) {

}
