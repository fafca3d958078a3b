package dev.groupchat.messaging;

import java.util.List;

/**
 * Published inside the transaction that stored these messages, for those whose groups
 * have webhook endpoints subscribed to {@code message.created} (the insert wrote their
 * outbox rows). Listeners run synchronously on the send path: they may only add to the
 * transaction, in one quick statement. Batches of groups without such endpoints publish
 * nothing.
 */
public record MessagesAwaitingWebhooks(List<MessageView> messages) {
}
