package dev.groupchat.moderation;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.groupchat.shared.DomainException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A group's keyword filter: whole words and RE2 patterns. Both are matched against the
 * text as {@link KeywordText} normalizes it (format characters such as zero-width spaces
 * removed, NFKC, case folded), so full-width or styled letters, capitals and invisible
 * separators do not slip through. Words match at Unicode word boundaries in every script,
 * and as substrings in scripts written without spaces (Chinese, Japanese, Thai, …).
 * Patterns are RE2 (linear time: no pattern can backtrack catastrophically); their work
 * is bounded further by {@link KeywordFilterLimits}.
 *
 * @param words blocked words (or phrases)
 * @param patterns blocked regular expressions (RE2 syntax)
 */
public record KeywordFilter(List<String> words, List<String> patterns) {

	static final KeywordFilter EMPTY = new KeywordFilter(List.of(), List.of());

	public KeywordFilter {
		words = words == null ? List.of()
				: words.stream().map(String::strip).filter(w -> !w.isEmpty()).distinct().toList();
		patterns = patterns == null ? List.of() : List.copyOf(patterns);
	}

	/**
	 * The compiled filter, or null when it blocks nothing. Refuses a pattern RE2 cannot
	 * compile.
	 */
	@Nullable Compiled compile() {
		if (words.isEmpty() && patterns.isEmpty()) {
			return null;
		}
		for (String pattern : patterns) {
			try {
				Pattern.compile(pattern);
				Pattern.compile(KeywordPatterns.fold(pattern));
			}
			catch (PatternSyntaxException ex) {
				throw DomainException
					.invalid("pattern '" + pattern + "' is not a valid RE2 expression: " + ex.getDescription());
			}
		}
		return new Compiled(KeywordWords.of(words), KeywordPatterns.of(patterns));
	}

	static boolean blocks(@Nullable Compiled compiled, @Nullable String text) {
		return compiled != null && text != null && compiled.matches(KeywordText.normalize(text));
	}

	/**
	 * A filter ready to check texts: its words by kind, and its patterns as one RE2
	 * expression.
	 */
	record Compiled(KeywordWords words, @Nullable KeywordPatterns patterns) {

		boolean matches(String normalized) {
			return words.matchIn(normalized) || (patterns != null && patterns.matchIn(normalized));
		}

	}

}
