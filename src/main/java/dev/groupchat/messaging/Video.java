package dev.groupchat.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A shared short video of the app. */
public record Video(@NotBlank @Size(max = 128) String videoId, @Size(max = 2048) @Nullable String coverUrl) {
}
