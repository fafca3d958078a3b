package dev.groupchat.identity;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Checks {@link UserId}: with Spring's validator it uses the configured rule, elsewhere
 * the default.
 */
class UserIdValidator implements ConstraintValidator<UserId, String> {

	private final UserIdRule rule;

	private Set<String> also = Set.of();

	UserIdValidator() {
		this.rule = UserIdRule.DEFAULT;
	}

	@Autowired
	UserIdValidator(ObjectProvider<UserIdRule> rule) {
		this.rule = rule.getIfAvailable(() -> UserIdRule.DEFAULT);
	}

	@Override
	public void initialize(UserId annotation) {
		also = Set.of(annotation.also());
	}

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || also.contains(value) || rule.matches(value);
	}

}
