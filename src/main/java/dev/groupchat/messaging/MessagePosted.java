package dev.groupchat.messaging;

/** A message was stored with its seq; published after commit, in seq order per group. */
public record MessagePosted(MessageView message) {
}
