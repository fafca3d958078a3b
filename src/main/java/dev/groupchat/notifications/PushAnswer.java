package dev.groupchat.notifications;

import java.net.http.HttpHeaders;
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

		/**
		 * Retry after what the answer's {@code Retry-After} says in seconds; the
		 * backoff's own wait when it is absent or not a number (e.g. an HTTP date).
		 */
		static Retry after(String reason, HttpHeaders headers) {
			try {
				return new Retry(reason, headers.firstValueAsLong("Retry-After"));
			}
			catch (NumberFormatException ex) {
				return new Retry(reason, OptionalLong.empty());
			}
		}

	}

	record Failed(String reason) implements PushAnswer {
	}

}
