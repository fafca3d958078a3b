package dev.groupchat.messaging;

import dev.groupchat.identity.UserId;
import dev.groupchat.shared.DomainException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A message to send, over REST or STOMP alike. */
public record PostMessage(@NotBlank @Size(max = 64) String clientMsgId, @NotNull MessageType type,
		@Size(max = MAX_TEXT) String text, @Valid Video video,
		@Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String mediaUrl,
		@Positive Long replyToSeq, @Size(max = 50) List<@NotBlank @UserId(also = "@all") String> mentions) {

	public static final int MAX_TEXT = 4_000;

	public PostMessage {
		mentions = mentions == null ? List.of() : List.copyOf(mentions);
	}

	/** The rules between fields that annotations cannot say. */
	void validateShape() {
		boolean hasText = text != null && !text.isBlank();
		switch (type) {
			case TEXT -> require(hasText, "a TEXT message needs text");
			case VIDEO_SHARE -> require(video != null, "a VIDEO_SHARE message needs video.videoId");
			case IMAGE -> require(mediaUrl != null, "an IMAGE message needs mediaUrl");
			case STICKER ->
				require(hasText || mediaUrl != null, "a STICKER message needs text (sticker id) or mediaUrl");
			case SYSTEM -> throw DomainException.invalid("SYSTEM messages are written by the server only");
		}
	}

	private static void require(boolean condition, String detail) {
		if (!condition) {
			throw DomainException.invalid(detail);
		}
	}

}
