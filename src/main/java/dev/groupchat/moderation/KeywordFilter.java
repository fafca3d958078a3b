package dev.groupchat.moderation;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.groupchat.shared.DomainException;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A group's keyword filter: whole words (case-insensitive, after Unicode normalization, so
 * full-width or styled letters do not slip through) and patterns. Everything is compiled into one
 * RE2/J expression, which matches in time linear in the text whatever the pattern: a hostile
 * pattern cannot backtrack catastrophically.
 *
 * @param words blocked words
 * @param patterns blocked regular expressions (RE2 syntax)
 */
public record KeywordFilter(List<String> words, List<String> patterns) {

	static final KeywordFilter EMPTY = new KeywordFilter(List.of(), List.of());

	public KeywordFilter {
		words = words == null ? List.of() : words.stream().map(String::strip).filter(w -> !w.isEmpty()).distinct().toList();
		patterns = patterns == null ? List.of() : List.copyOf(patterns);
	}

	/** The compiled filter, or null when it blocks nothing. Refuses a pattern RE2 cannot compile. */
	Pattern compile() {
		if (words.isEmpty() && patterns.isEmpty()) {
			return null;
		}
		for (String pattern : patterns) {
			try {
				Pattern.compile(pattern);
			}
			catch (PatternSyntaxException ex) {
				throw DomainException.invalid("pattern '" + pattern + "' is not a valid RE2 expression: " + ex.getDescription());
			}
		}
		String alternatives = String.join("|", Stream.concat(
				words.stream().map(w -> "\\b" + Pattern.quote(normalize(w)) + "\\b"),
				patterns.stream().map(p -> "(?:" + p + ")")).toList());
		return Pattern.compile(alternatives, Pattern.CASE_INSENSITIVE);
	}

	static boolean blocks(Pattern compiled, String text) {
		return compiled != null && text != null && compiled.matcher(normalize(text)).find();
	}

	static String normalize(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

}
