package dev.groupchat.messaging;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A message waiting in a {@link MessageWriter} queue, and the answer its sender waits
 * for.
 */
record PendingMessage(String senderId, UUID groupId, PostMessage message, CompletableFuture<Messaging.Posted> result) {

	PendingMessage(String senderId, UUID groupId, PostMessage message) {
		this(senderId, groupId, message, new CompletableFuture<>());
	}

	MessageStore.SendKey key() {
		return new MessageStore.SendKey(groupId, senderId, message.clientMsgId());
	}

}
