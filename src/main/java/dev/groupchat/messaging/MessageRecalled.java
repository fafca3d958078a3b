package dev.groupchat.messaging;

/** A message was recalled: its text and media are gone, the tombstone keeps its seq. */
public record MessageRecalled(MessageView message, String by) {
}
