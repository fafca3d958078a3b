package dev.groupchat.messaging;

import dev.groupchat.identity.UserId;
import dev.groupchat.shared.DomainException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;

/** A message to send, over REST or STOMP alike. */
public record PostMessage(@NotBlank @Size(max = 64) String clientMsgId, @NotNull MessageType type,
		@Size(max = MAX_TEXT) @Nullable String text, @Valid @Nullable Video video,
		@Size(max = 2048) @Pattern(regexp = "https?://\\S+",
				message = "must be an http(s) URL") @Nullable String mediaUrl,
		@Positive @Nullable Long replyToSeq, @Size(max = 50) List<@NotBlank @UserId(also = "@all") String> mentions,
		@Valid @Nullable PollRequest poll) {

	public static final int MAX_TEXT = 4_000;

	public PostMessage {
		mentions = mentions == null ? List.of() : List.copyOf(mentions);
	}

	public PostMessage(String clientMsgId, MessageType type, @Nullable String text, @Nullable Video video,
			@Nullable String mediaUrl, @Nullable Long replyToSeq, @Nullable List<String> mentions) {
		this(clientMsgId, type, text, video, mediaUrl, replyToSeq, (mentions != null) ? mentions : List.of(), null);
	}

	/**
	 * What the keyword filter reads: the text, and for a poll its question and options.
	 */
	@Nullable String filteredText() {
		if (poll == null) {
			return text;
		}
		return poll.question() + "\n" + String.join("\n", poll.options());
	}

	/** The rules between fields that annotations cannot say. */
	void validateShape(Instant now) {
		boolean hasText = text != null && !text.isBlank();
		require(type == MessageType.POLL || poll == null, "only a POLL message carries a poll");
		switch (type) {
			case TEXT -> require(hasText, "a TEXT message needs text");
			case VIDEO_SHARE -> require(video != null, "a VIDEO_SHARE message needs video.videoId");
			case IMAGE -> require(mediaUrl != null, "an IMAGE message needs mediaUrl");
			case STICKER ->
				require(hasText || mediaUrl != null, "a STICKER message needs text (sticker id) or mediaUrl");
			case SYSTEM -> throw DomainException.invalid("SYSTEM messages are written by the server only");
			case POLL -> {
				require(poll != null, "a POLL message needs poll");
				require(text == null && video == null && mediaUrl == null,
						"a POLL message carries its poll only (no text, video or mediaUrl)");
				require(poll.closesAt() == null || poll.closesAt().isAfter(now),
						"poll.closesAt must lie in the future");
				require(poll.options().stream().distinct().count() == poll.options().size(),
						"poll.options must differ from each other");
			}
		}
	}

	@Contract("false, _ -> fail")
	private static void require(boolean condition, String detail) {
		if (!condition) {
			throw DomainException.invalid(detail);
		}
	}

}
