package dev.groupchat.messaging;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * A reaction is exactly one emoji: one extended grapheme cluster (UAX #29) made of emoji
 * characters, so ZWJ sequences, skin tones, flags, tag sequences and keycaps count as
 * one; letters, digits, words and two emoji do not.
 */
@Constraint(validatedBy = Emoji.Validator.class)
@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@interface Emoji {

	int MAX_LENGTH = 32;

	String message() default "must be exactly one emoji";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link Emoji}. */
	final class Validator implements ConstraintValidator<Emoji, String> {

		private static final Pattern ONE_GRAPHEME = Pattern.compile("\\X");

		private static final int KEYCAP = 0x20E3;

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value != null && isSingleEmoji(value);
		}

		static boolean isSingleEmoji(String value) {
			if (value.isEmpty() || value.length() > MAX_LENGTH || !ONE_GRAPHEME.matcher(value).matches()) {
				return false;
			}
			int[] cps = value.codePoints().toArray();
			int first = cps[0];
			if (first == '#' || first == '*' || (first >= '0' && first <= '9')) {
				return cps.length > 1 && cps[cps.length - 1] == KEYCAP;
			}
			if (isRegionalIndicator(first)) {
				return cps.length == 2 && isRegionalIndicator(cps[1]);
			}
			if (!Character.isEmoji(first) || Character.isEmojiComponent(first)) {
				return false;
			}
			for (int cp : cps) {
				if (!Character.isEmoji(cp) && !Character.isEmojiComponent(cp)) {
					return false;
				}
			}
			return true;
		}

		private static boolean isRegionalIndicator(int cp) {
			return cp >= 0x1F1E6 && cp <= 0x1F1FF;
		}

	}

}
