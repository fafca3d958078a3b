package dev.groupchat.moderation;

import dev.groupchat.shared.DomainException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What bounds the work of one check: words are found in one pass whatever their number
 * (see {@link KeywordWords}), so their limits bound memory; patterns run one after
 * another in RE2's automaton, whose cost grows with the size of the compiled patterns, so
 * their number, length and counted repetitions are kept small. Measured with
 * {@code KeywordFilterTiming} (see README): a filter at every limit checks a
 * 4,000-character text in well under 1 ms.
 */
final class KeywordFilterLimits {

	static final int MAX_WORDS = 500;

	static final int MAX_WORD_LENGTH = 100;

	static final int MAX_PATTERNS = 3;

	static final int MAX_PATTERN_LENGTH = 100;

	/**
	 * Budget of counted repetitions ({@code x{n,m}}) of the whole filter: RE2 unrolls
	 * each into m copies (nested ones into the product of their bounds) and its automaton
	 * may run every copy at each character, so the sum over patterns of those products is
	 * kept at this.
	 */
	static final int MAX_REPEAT = 8;

	private static final Pattern COUNTED = Pattern.compile("\\{(\\d+)(?:,(\\d*))?}");

	private KeywordFilterLimits() {
	}

	static void check(KeywordFilter filter) {
		if (filter.words().size() > MAX_WORDS || filter.patterns().size() > MAX_PATTERNS) {
			throw DomainException
				.invalid("a filter holds at most " + MAX_WORDS + " words and " + MAX_PATTERNS + " patterns");
		}
		for (String word : filter.words()) {
			if (word.length() > MAX_WORD_LENGTH) {
				throw DomainException.invalid("a word is at most " + MAX_WORD_LENGTH + " characters");
			}
		}
		long repeats = 0;
		for (String pattern : filter.patterns()) {
			if (pattern.length() > MAX_PATTERN_LENGTH) {
				throw DomainException.invalid("a pattern is at most " + MAX_PATTERN_LENGTH + " characters");
			}
			repeats += repeats(pattern);
		}
		if (repeats > MAX_REPEAT) {
			throw DomainException.invalid("the patterns' counted repetitions ({n,m}) add up to more than " + MAX_REPEAT
					+ " copies; use + or * instead");
		}
	}

	/**
	 * The product of the largest bounds of every {n}, {n,} or {n,m} of the pattern (0
	 * when it has none).
	 */
	static long repeats(String pattern) {
		long product = 1;
		boolean any = false;
		Matcher counted = COUNTED.matcher(pattern);
		while (counted.find() && product <= MAX_REPEAT) {
			int bound = number(counted.group(1));
			if (counted.group(2) != null && !counted.group(2).isEmpty()) {
				bound = Math.max(bound, number(counted.group(2)));
			}
			product *= Math.max(bound, 1);
			any = true;
		}
		return any ? product : 0;
	}

	private static int number(String digits) {
		return digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
	}

}
