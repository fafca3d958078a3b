package dev.groupchat.messaging;

import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.util.Map;

/**
 * A refusal whose problem type alone does not say why (muted and not a member share a
 * type; slow mode, rate limits and a busy writer share another), carrying the reason for
 * {@code groupchat_sends_refused_total}. Clients see the same problem document as before.
 */
final class SendRefused extends DomainException {

	private final SendMetrics.Refusal reason;

	SendRefused(SendMetrics.Refusal reason, ProblemType problem, String detail, Map<String, Object> properties) {
		super(problem, detail, properties);
		this.reason = reason;
	}

	SendMetrics.Refusal reason() {
		return reason;
	}

}
