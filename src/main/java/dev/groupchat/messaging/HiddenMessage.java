package dev.groupchat.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The placeholder of a message the reader may not see: {@code {groupId, seq, hidden:
 * true}}, with {@code blocked: true} when it is from a user the reader blocked (the app
 * may show "message from a blocked user"). It carries no text, sender or time.
 *
 * @param blocked true for a blocked sender; null (left out) for a shadow-muted one, whose
 * placeholder says nothing about why
 */
public record HiddenMessage(UUID groupId, long seq, boolean hidden,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean blocked) implements ShownMessage {

	static HiddenMessage blocked(UUID groupId, long seq) {
		return new HiddenMessage(groupId, seq, true, true);
	}

	static HiddenMessage shadowed(UUID groupId, long seq) {
		return new HiddenMessage(groupId, seq, true, null);
	}

}
