package dev.groupchat.messaging;

/**
 * Kinds of message. SYSTEM messages are written by the server only; a POLL carries a
 * poll.
 */
public enum MessageType {

	TEXT, VIDEO_SHARE, IMAGE, STICKER, SYSTEM, POLL

}
