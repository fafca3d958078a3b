package dev.groupchat.moderation;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds links in message text: {@code http://}, {@code https://}, {@code www.} and
 * domain-looking words ({@code example.com}, {@code пример.рф},
 * {@code shop.example.co.uk/x}). A domain-looking word is at least two dot-separated
 * labels of letters, digits and hyphens in any script, starting where a word starts,
 * whose last label is two or more letters, all lower case or all upper case (so a missing
 * space, "end.Next", is no link). Decimals ({@code 3.14}) and abbreviations
 * ({@code e.g.}) are not links. Linear in the text: a candidate starts only at the start
 * of a word.
 */
final class Links {

	private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62})";

	private static final Pattern LINK = Pattern.compile("(?i:https?://|(?<![\\p{L}\\p{N}])www\\.)\\S"
			+ "|(?<![\\p{L}\\p{N}\\-.@])(?:" + LABEL + "\\.){1,10}(?:\\p{Ll}{2,63}|\\p{Lu}{2,63})(?![\\p{L}\\p{N}-])");

	private Links() {
	}

	/** Whether {@code text} (null: no text) holds a link. */
	static boolean in(@Nullable String text) {
		return text != null && LINK.matcher(text).find();
	}

}
