package dev.groupchat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The problem {@code type} URIs are client contract: clients branch on them. Every other
 * test compares against {@link ProblemType}; this one pins each URI to its letters, so
 * that a renamed slug fails here and a new type must be added here.
 */
class ProblemTypeContractTest {

	private static final Map<ProblemType, String> CONTRACT = Map.ofEntries(
			Map.entry(ProblemType.VALIDATION, "https://groupchat.dev/problems/validation"),
			Map.entry(ProblemType.MALFORMED, "https://groupchat.dev/problems/malformed-request"),
			Map.entry(ProblemType.WEBHOOK_URL_REFUSED, "https://groupchat.dev/problems/webhook-url-refused"),
			Map.entry(ProblemType.UNAUTHORIZED, "https://groupchat.dev/problems/unauthorized"),
			Map.entry(ProblemType.FORBIDDEN, "https://groupchat.dev/problems/forbidden"),
			Map.entry(ProblemType.BANNED, "https://groupchat.dev/problems/banned"),
			Map.entry(ProblemType.FAN_LEVEL_TOO_LOW, "https://groupchat.dev/problems/fan-level-too-low"),
			Map.entry(ProblemType.AGE_RESTRICTED, "https://groupchat.dev/problems/age-restricted"),
			Map.entry(ProblemType.NOT_POSTING_ALLOWED, "https://groupchat.dev/problems/posting-not-allowed"),
			Map.entry(ProblemType.PROBATION, "https://groupchat.dev/problems/probation"),
			Map.entry(ProblemType.NOT_FOUND, "https://groupchat.dev/problems/not-found"),
			Map.entry(ProblemType.METHOD_NOT_ALLOWED, "https://groupchat.dev/problems/method-not-allowed"),
			Map.entry(ProblemType.NOT_ACCEPTABLE, "https://groupchat.dev/problems/not-acceptable"),
			Map.entry(ProblemType.CONFLICT, "https://groupchat.dev/problems/conflict"),
			Map.entry(ProblemType.GROUP_FULL, "https://groupchat.dev/problems/group-full"),
			Map.entry(ProblemType.INVITE_INVALID, "https://groupchat.dev/problems/invite-invalid"),
			Map.entry(ProblemType.INVITE_PAUSED, "https://groupchat.dev/problems/invite-paused"),
			Map.entry(ProblemType.PAYLOAD_TOO_LARGE, "https://groupchat.dev/problems/payload-too-large"),
			Map.entry(ProblemType.UNSUPPORTED_MEDIA_TYPE, "https://groupchat.dev/problems/unsupported-media-type"),
			Map.entry(ProblemType.MESSAGE_BLOCKED, "https://groupchat.dev/problems/message-blocked"),
			Map.entry(ProblemType.RATE_LIMITED, "https://groupchat.dev/problems/rate-limited"),
			Map.entry(ProblemType.UNAVAILABLE, "https://groupchat.dev/problems/unavailable"),
			Map.entry(ProblemType.INTERNAL, "https://groupchat.dev/problems/internal"));

	@Test
	void everyProblemTypeAnswersItsPublishedUri() {
		assertThat(EnumSet.allOf(ProblemType.class)).containsExactlyInAnyOrderElementsOf(CONTRACT.keySet());
		CONTRACT.forEach((type, uri) -> assertThat(type.type()).as(type.name()).hasToString(uri));
	}

}
