package dev.groupchat.identity;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether a string is a user id: the configured pattern, fully matched, and at most 64
 * characters.
 */
final class UserIdRule {

	static final String DEFAULT_PATTERN = "[A-Za-z0-9._:@-]{1,64}";

	static final UserIdRule DEFAULT = new UserIdRule(DEFAULT_PATTERN);

	private final Pattern pattern;

	UserIdRule(String pattern) {
		this.pattern = compile(pattern);
	}

	static Pattern compile(String pattern) {
		try {
			return Pattern.compile(pattern);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalStateException("groupchat.identity.user-id-pattern is not a valid regular expression", ex);
		}
	}

	boolean matches(String id) {
		return id != null && id.length() <= Claims.MAX_SUBJECT_LENGTH && pattern.matcher(id).matches();
	}

}
