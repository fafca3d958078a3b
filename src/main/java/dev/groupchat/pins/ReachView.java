package dev.groupchat.pins;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How far a message was read: {@code memberCount} members other than its sender,
 * {@code readCount} of them with a read marker at or past it, and in CHAT groups
 * {@code seenBy}, their user ids (absent in FAN groups).
 */
record ReachView(long memberCount, long readCount,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> seenBy) {
}
