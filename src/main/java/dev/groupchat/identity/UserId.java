package dev.groupchat.identity;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A user id in a request (body field, list element or path variable) follows the same
 * rule as a token's {@code sub} ({@code groupchat.identity.user-id-pattern}). Null is
 * valid: pair it with {@code @NotNull} where the id is required.
 */
@Documented
@Constraint(validatedBy = UserIdValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.RECORD_COMPONENT,
		ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface UserId {

	/**
	 * Literal values accepted besides ids, such as {@code me} in a path or {@code @all}
	 * in mentions.
	 */
	String[] also() default {};

	String message() default "must be a user id (letters, digits and . _ : @ -, at most 64 characters)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
