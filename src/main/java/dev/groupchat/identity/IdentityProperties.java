package dev.groupchat.identity;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Identity rules. {@code userIdPattern} (env {@code GROUPCHAT_IDENTITY_USER_ID_PATTERN})
 * is the rule a token's {@code sub} and every user id in a request must match (a full
 * match, at most 64 characters whatever the pattern says): ids end up in messages and
 * logs, so free text is never an id.
 */
@Validated
@ConfigurationProperties("groupchat.identity")
record IdentityProperties(@DefaultValue(UserIdRule.DEFAULT_PATTERN) @NotBlank String userIdPattern) {

	IdentityProperties {
		UserIdRule.compile(userIdPattern);
	}

}
