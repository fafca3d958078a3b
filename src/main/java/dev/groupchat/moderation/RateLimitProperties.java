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
 * @param probationPerMinute messages a member on probation may send per minute into the
 * group they are on probation in (on top of the user limit)
 * @param probationBurst how many of those they may send at once
 */
@ConfigurationProperties("groupchat.rate-limit")
record RateLimitProperties(Boolean enabled, Integer userPerSecond, Integer userBurst, Integer groupPerSecond,
		Integer groupBurst, Integer probationPerMinute, Integer probationBurst) {

	public RateLimitProperties {
		enabled = enabled == null || enabled;
		userPerSecond = userPerSecond == null ? 10 : userPerSecond;
		userBurst = userBurst == null ? 20 : userBurst;
		groupPerSecond = groupPerSecond == null ? 200 : groupPerSecond;
		groupBurst = groupBurst == null ? 400 : groupBurst;
		probationPerMinute = probationPerMinute == null ? 6 : probationPerMinute;
		probationBurst = probationBurst == null ? 3 : probationBurst;
	}

}
