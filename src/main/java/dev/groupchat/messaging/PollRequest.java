package dev.groupchat.messaging;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * The poll of a new POLL message: a question and 2 to 10 options, single choice unless
 * {@code multiple}, votes shown only as counts when {@code anonymous} (the default is
 * false for both), open until {@code closesAt} (in the future; absent: until forever).
 */
public record PollRequest(@NotBlank @Size(max = MAX_QUESTION) String question,
		@NotNull @Size(min = 2, max = MAX_OPTIONS) List<@NotBlank @Size(max = MAX_OPTION) String> options,
		Boolean multiple, Boolean anonymous,
		@Schema(description = "The poll closes at this time (in the future); absent: never",
				nullable = true) Instant closesAt) {

	public static final int MAX_QUESTION = 300;

	public static final int MAX_OPTIONS = 10;

	public static final int MAX_OPTION = 100;

	public PollRequest {
		options = options == null ? null : List.copyOf(options);
	}

	boolean isMultiple() {
		return Boolean.TRUE.equals(multiple);
	}

	boolean isAnonymous() {
		return Boolean.TRUE.equals(anonymous);
	}

}
