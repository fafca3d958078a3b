package dev.groupchat.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Opaque cursors: the keyset position of the last row of a page, joined by a separator
 * and base64url-encoded so that clients treat it as a token, not as data.
 */
public final class Cursors {

	private static final String SEPARATOR = "\u001f";

	private Cursors() {
	}

	public static String encode(String... parts) {
		String joined = String.join(SEPARATOR, parts);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Decodes a cursor into exactly {@code expectedParts} parts, or refuses it as invalid
	 * input.
	 */
	public static List<String> decode(String cursor, int expectedParts) {
		try {
			String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			List<String> parts = List.of(joined.split(SEPARATOR, -1));
			if (parts.size() != expectedParts) {
				throw invalid();
			}
			return parts;
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
	}

	/** A timestamp part of a cursor. */
	public static Instant instant(String part) {
		try {
			return Instant.parse(part);
		}
		catch (DateTimeParseException ex) {
			throw invalid();
		}
	}

	/** A UUID part of a cursor. */
	public static UUID uuid(String part) {
		try {
			return UUID.fromString(part);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
	}

	/** A number part of a cursor. */
	public static long number(String part) {
		try {
			return Long.parseLong(part);
		}
		catch (NumberFormatException ex) {
			throw invalid();
		}
	}

	private static DomainException invalid() {
		return DomainException.invalid("cursor is not valid; pass back a nextCursor exactly as received");
	}

}
