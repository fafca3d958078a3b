package dev.groupchat.realtime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Checks on a decoded frame that the STOMP decoder does not make: a bounded number of
 * headers, no NUL inside a header (the decoder takes it into the value), and UTF-8 text
 * in binary frames (decoded leniently, invalid bytes would become replacement characters
 * and be stored).
 */
final class FrameHygiene {

	private FrameHygiene() {
	}

	/** What is wrong with the frame's headers, or null when nothing is. */
	static @Nullable String problem(Message<byte[]> frame, int maxHeaders) {
		Map<String, List<String>> headers = StompHeaderAccessor.wrap(frame).toNativeHeaderMap();
		int count = 0;
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			count += header.getValue().size();
			if (count > maxHeaders) {
				return "a frame may carry at most " + maxHeaders + " headers";
			}
			if (header.getKey().indexOf('\0') >= 0 || header.getValue().stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
				return "a header may not contain NUL";
			}
		}
		return null;
	}

	static boolean isUtf8(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
