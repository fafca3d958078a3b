package dev.groupchat.moderation;

import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A filter's RE2 patterns as one expression over the normalized text. The text is already
 * case folded, so the patterns' letters are folded the same way instead of asking RE2 for
 * its case-insensitive mode, which is several times slower and defeats its literal-prefix
 * search. Escapes ({@code \D}, {@code \p{Lu}}, {@code \x{41}}) and flag groups
 * ({@code (?U)}) keep their case.
 */
final class KeywordPatterns {

	private final Pattern combined;

	private KeywordPatterns(Pattern combined) {
		this.combined = combined;
	}

	static @Nullable KeywordPatterns of(List<String> patterns) {
		return patterns.isEmpty() ? null : new KeywordPatterns(
				Pattern.compile(String.join("|", patterns.stream().map(p -> "(?:" + fold(p) + ")").toList())));
	}

	boolean matchIn(String normalized) {
		return combined.matcher(normalized.getBytes(StandardCharsets.UTF_8)).find();
	}

	static String fold(String pattern) {
		StringBuilder folded = new StringBuilder(pattern.length());
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			if (c == '\\' && i + 1 < pattern.length()) {
				i = copyEscape(pattern, i, folded);
			}
			else if (c == '(' && pattern.startsWith("(?", i)) {
				int end = flagsEnd(pattern, i + 2);
				folded.append(pattern, i, end);
				i = end;
			}
			else {
				int cp = pattern.codePointAt(i);
				folded.append(String.valueOf(Character.toChars(cp)).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
				i += Character.charCount(cp);
			}
		}
		return folded.toString();
	}

	private static int copyEscape(String pattern, int at, StringBuilder out) {
		char kind = pattern.charAt(at + 1);
		int end = at + 2;
		if ((kind == 'p' || kind == 'P' || kind == 'x') && end < pattern.length() && pattern.charAt(end) == '{') {
			int close = pattern.indexOf('}', end);
			end = close < 0 ? pattern.length() : close + 1;
		}
		else if (kind == 'p' || kind == 'P') {
			end = Math.min(pattern.length(), end + 1);
		}
		out.append(pattern, at, end);
		return end;
	}

	/**
	 * The end of the flag part of {@code (?flags:} or {@code (?flags)} or
	 * {@code (?P<name>}.
	 */
	private static int flagsEnd(String pattern, int from) {
		int i = from;
		while (i < pattern.length() && (Character.isLetter(pattern.charAt(i)) || pattern.charAt(i) == '-')) {
			i++;
		}
		return i;
	}

}
