package dev.groupchat.realtime;

import java.nio.charset.StandardCharsets;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Encodes the frames the server sends. Control frames go through Spring's
 * {@link StompEncoder}; MESSAGE frames for a broadcast are assembled from a prefix that
 * differs per subscription and one shared remainder, so an event is serialized and
 * encoded once however many receive it.
 */
final class StompFrames {

	static final String HEARTBEAT = "\n";

	private static final StompEncoder ENCODER = new StompEncoder();

	private StompFrames() {
	}

	/** The CONNECT header with which a client asks for binary WebSocket frames. */
	static final String BINARY_FRAMES = "groupchat-binary-frames";

	static String connected(String userId, long sendEveryMs, long expectEveryMs, boolean binaryFrames) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.CONNECTED);
		headers.setNativeHeader("version", "1.2");
		headers.setNativeHeader("heart-beat", sendEveryMs + "," + expectEveryMs);
		headers.setNativeHeader("server", "groupchat");
		headers.setNativeHeader("user-name", userId);
		if (binaryFrames) {
			headers.setNativeHeader(BINARY_FRAMES, "true");
		}
		return encode(headers, new byte[0]);
	}

	static String error(String message, String problemJson) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.ERROR);
		headers.setNativeHeader("message", message);
		headers.setNativeHeader("content-type", "application/problem+json");
		return encode(headers, problemJson.getBytes(StandardCharsets.UTF_8));
	}

	static String receipt(String receiptId) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.RECEIPT);
		headers.setNativeHeader("receipt-id", receiptId);
		return encode(headers, new byte[0]);
	}

	/** A MESSAGE frame to one subscription. */
	static String message(String subscriptionId, String destination, String messageId, String json) {
		return prefix(subscriptionId) + shared(destination, messageId, json);
	}

	/**
	 * The part of a MESSAGE frame that comes before the subscription-specific header's
	 * value.
	 */
	static String prefix(String subscriptionId) {
		return "MESSAGE\nsubscription:" + escape(subscriptionId);
	}

	/** The rest of a MESSAGE frame, the same for every subscriber. */
	static String shared(String destination, String messageId, String json) {
		int length = json.getBytes(StandardCharsets.UTF_8).length;
		return "\ndestination:" + escape(destination) + "\nmessage-id:" + escape(messageId)
				+ "\ncontent-type:application/json\ncontent-length:" + length + "\n\n" + json + "\0";
	}

	private static String encode(StompHeaderAccessor headers, byte[] payload) {
		headers.setLeaveMutable(true);
		byte[] frame = ENCODER.encode(MessageBuilder.createMessage(payload, headers.getMessageHeaders()));
		return new String(frame, StandardCharsets.UTF_8);
	}

	/** STOMP 1.2 header escaping. */
	static String escape(String value) {
		if (value.indexOf('\\') < 0 && value.indexOf(':') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
			return value;
		}
		return value.replace("\\", "\\\\").replace(":", "\\c").replace("\n", "\\n").replace("\r", "\\r");
	}

}
