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

/** A message to send, over REST or STOMP alike. */
public record PostMessage(@NotBlank @Size(max = 64) String clientMsgId, @NotNull MessageType type,
		@Size(max = MAX_TEXT) String text, @Valid Video video,
		@Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String mediaUrl,
		@Positive Long replyToSeq, @Size(max = 50) List<@NotBlank @UserId(also = "@all") String> mentions,
		@Valid PollRequest poll) {

	public static final int MAX_TEXT = 4_000;

	public PostMessage {
		mentions = mentions == null ? List.of() : List.copyOf(mentions);
	}

	public PostMessage(String clientMsgId, MessageType type, String text, Video video, String mediaUrl, Long replyToSeq,
			List<String> mentions) {
		this(clientMsgId, type, text, video, mediaUrl, replyToSeq, mentions, null);
	}

	/**
	 * What the keyword filter reads: the text, and for a poll its question and options.
	 */
	String filteredText() {
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

	private static void require(boolean condition, String detail) {
		if (!condition) {
			throw DomainException.invalid(detail);
		}
	}

}
