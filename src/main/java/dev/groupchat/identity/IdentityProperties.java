package dev.groupchat.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity rules. {@code userIdPattern} (env {@code GROUPCHAT_IDENTITY_USER_ID_PATTERN})
 * is the rule a token's {@code sub} and every user id in a request must match (a full
 * match, at most 64 characters whatever the pattern says): ids end up in messages and
 * logs, so free text is never an id.
 */
@ConfigurationProperties("groupchat.identity")
record IdentityProperties(@DefaultValue(UserIdRule.DEFAULT_PATTERN) String userIdPattern) {

	IdentityProperties {
		UserIdRule.compile(userIdPattern);
	}

}
