package dev.groupchat.moderation;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * How the keyword filter reads text. RE2's {@code \b} and {@code \w} know only ASCII, so
 * word boundaries are found here, by Unicode character classes: a word is a run of
 * letters, digits, combining marks and connectors, as in UAX #29 for alphabetic scripts.
 * Scripts written without spaces between words (Han, Kana, Hangul, Thai, …) have no such
 * boundaries; the filter matches their words as substrings.
 */
final class KeywordText {

	private static final Set<Character.UnicodeScript> WITHOUT_SPACES = EnumSet.of(Character.UnicodeScript.HAN,
			Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HANGUL,
			Character.UnicodeScript.BOPOMOFO, Character.UnicodeScript.THAI, Character.UnicodeScript.LAO,
			Character.UnicodeScript.KHMER, Character.UnicodeScript.MYANMAR, Character.UnicodeScript.TIBETAN,
			Character.UnicodeScript.YI);

	private KeywordText() {
	}

	/**
	 * Format characters ({@code \p{Cf}}: zero-width space and joiners, soft hyphen,
	 * direction marks) removed, then NFKC, then case folded (upper then lower case, so
	 * that {@code ß}, {@code ſ} and final sigma fold as their capitals do).
	 */
	static String normalize(String text) {
		if (isPrintableAscii(text)) {
			return text.toLowerCase(Locale.ROOT);
		}
		StringBuilder visible = new StringBuilder(text.length());
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			if (Character.getType(cp) != Character.FORMAT) {
				visible.appendCodePoint(cp);
			}
			i += Character.charCount(cp);
		}
		String nfkc = Normalizer.normalize(visible, Normalizer.Form.NFKC);
		return nfkc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
	}

	private static boolean isPrintableAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x7F || (c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
				return false;
			}
		}
		return true;
	}

	/** A character that continues a word of an alphabetic script. */
	static boolean isWordChar(int cp) {
		if (!Character.isLetterOrDigit(cp)) {
			int type = Character.getType(cp);
			return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
					|| type == Character.ENCLOSING_MARK || type == Character.CONNECTOR_PUNCTUATION;
		}
		return !isWithoutSpaces(cp);
	}

	static boolean isWithoutSpaces(int cp) {
		return cp >= 0x0E00 && WITHOUT_SPACES.contains(Character.UnicodeScript.of(cp));
	}

	static boolean hasWithoutSpaces(String text) {
		return text.codePoints().anyMatch(KeywordText::isWithoutSpaces);
	}

	/** Whether {@code text} holds only word characters (one word, no phrase). */
	static boolean isOneWord(String text) {
		return !text.isEmpty() && text.codePoints().allMatch(KeywordText::isWordChar);
	}

}
