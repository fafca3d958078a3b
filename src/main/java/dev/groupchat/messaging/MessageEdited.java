package dev.groupchat.messaging;

/** A message's text was edited by its sender. */
public record MessageEdited(MessageView message) {
}
