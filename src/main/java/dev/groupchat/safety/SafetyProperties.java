package dev.groupchat.safety;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Safety settings.
 *
 * @param maxBlocks users one user may block; one more is refused (409), so that a block
 * set stays small enough to hold in every live session of its user
 */
@ConfigurationProperties("groupchat.safety")
@Validated
record SafetyProperties(@DefaultValue("1000") @Min(1) int maxBlocks) {
}
