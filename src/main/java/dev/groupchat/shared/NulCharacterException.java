package dev.groupchat.shared;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string of a request body held the NUL character. PostgreSQL refuses NUL in text,
 * so a request carrying one is refused while it is read, before anything reaches a writer
 * or the database; the problem names the field ({@code text}, {@code mentions[2]}, …).
 */
public final class NulCharacterException extends MismatchedInputException {

	static final String MESSAGE = "must not contain the NUL character (\\u0000)";

	NulCharacterException(JsonParser parser) {
		super(parser, MESSAGE, String.class);
	}

	/** The offending field as a path of the body, such as {@code mentions[0]}. */
	public String field() {
		return getPath().stream()
			.map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining())
			.replaceFirst("^\\.", "");
	}

	/** The validation problem clients get, over REST and STOMP alike. */
	public DomainException toProblem() {
		String field = field();
		return new DomainException(ProblemType.VALIDATION, "field '" + field + "' " + MESSAGE,
				Map.of("errors", List.of(Map.of("field", field, "message", MESSAGE))));
	}

	/** The exception among the causes of {@code ex}, or null. */
	public static @Nullable NulCharacterException causeOf(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof NulCharacterException nul) {
				return nul;
			}
		}
		return null;
	}

}
