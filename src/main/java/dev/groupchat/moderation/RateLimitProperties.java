package dev.groupchat.moderation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Message rate limits ({@code GROUPCHAT_RATE_LIMIT_ENABLED=false} switches them off for
 * load tests).
 *
 * @param userPerSecond messages a user may send per second across all groups
 * @param userBurst how many a user may send at once
 * @param groupPerSecond messages per second into one group, from everyone
 * @param groupBurst how many may arrive in a group at once
 */
@ConfigurationProperties("groupchat.rate-limit")
record RateLimitProperties(Boolean enabled, Integer userPerSecond, Integer userBurst, Integer groupPerSecond,
		Integer groupBurst) {

	public RateLimitProperties {
		enabled = enabled == null || enabled;
		userPerSecond = userPerSecond == null ? 10 : userPerSecond;
		userBurst = userBurst == null ? 20 : userBurst;
		groupPerSecond = groupPerSecond == null ? 200 : groupPerSecond;
		groupBurst = groupBurst == null ? 400 : groupBurst;
	}

}
