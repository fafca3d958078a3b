package dev.groupchat.messaging;

import io.micrometer.tracing.TraceContext;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A message waiting in a {@link MessageWriter} queue, the answer its sender waits for,
 * and the sender's sampled trace context ({@code trace}, null when not tracing), which
 * the writer's batch span continues.
 */
record PendingMessage(String senderId, UUID groupId, PostMessage message, CompletableFuture<Messaging.Posted> result,
		@Nullable TraceContext trace) {

	PendingMessage(String senderId, UUID groupId, PostMessage message) {
		this(senderId, groupId, message, null);
	}

	PendingMessage(String senderId, UUID groupId, PostMessage message, @Nullable TraceContext trace) {
		this(senderId, groupId, message, new CompletableFuture<>(), trace);
	}

	MessageStore.SendKey key() {
		return new MessageStore.SendKey(groupId, senderId, message.clientMsgId());
	}

}
