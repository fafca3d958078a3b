package dev.groupchat.moderation;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Message rate limits ({@code GROUPCHAT_RATE_LIMIT_ENABLED=false} switches them off for
 * load tests).
 *
 * @param userPerSecond messages a user may send per second across all groups
 * @param userBurst how many a user may send at once
 * @param groupPerSecond messages per second into one group, from everyone
 * @param groupBurst how many may arrive in a group at once
 * @param probationPerMinute messages a member on probation may send per minute into the
 * group they are on probation in (on top of the user limit)
 * @param probationBurst how many of those they may send at once
 */
@Validated
@ConfigurationProperties("groupchat.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10") @Min(1) int userPerSecond,
		@DefaultValue("20") @Min(1) int userBurst, @DefaultValue("200") @Min(1) int groupPerSecond,
		@DefaultValue("400") @Min(1) int groupBurst, @DefaultValue("6") @Min(1) int probationPerMinute,
		@DefaultValue("3") @Min(1) int probationBurst) {

}
