package dev.groupchat.notifications;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a provider answered for one delivery: sent (with the gateway pushkeys it
 * rejected), the device is gone, retry later, or give up.
 */
sealed interface PushAnswer {

	record Sent(List<String> rejected) implements PushAnswer {
	}

	/** The provider says the token is no longer registered: the device is removed. */
	record Gone() implements PushAnswer {
	}

	record Retry(String reason, OptionalLong retryAfterSeconds) implements PushAnswer {
	}

	record Failed(String reason) implements PushAnswer {
	}

}
