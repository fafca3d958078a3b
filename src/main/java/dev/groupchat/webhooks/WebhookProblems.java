package dev.groupchat.webhooks;

import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.util.Map;

/** The refusals of this module. */
final class WebhookProblems {

	private WebhookProblems() {
	}

	static DomainException notOwner() {
		return DomainException.forbidden("only the group's OWNER manages its webhooks");
	}

	static DomainException notOperator() {
		return DomainException.forbidden("only an operator (role ops) manages service-wide webhooks");
	}

	static DomainException tooMany(int max) {
		return DomainException.conflict("at most " + max + " webhooks per group (and service-wide); delete one first");
	}

	static DomainException notFound(Object id) {
		return DomainException.notFound("webhook", id);
	}

	static DomainException noEvents() {
		return DomainException.invalid("events must name at least one event type of " + WebhookEvent.KNOWN);
	}

	static DomainException unknownEvent(String event) {
		return new DomainException(ProblemType.VALIDATION,
				"unknown event type '" + event + "'; known are " + WebhookEvent.KNOWN, Map.of("field", "events"));
	}

	/** The URL is refused (SSRF guard): {@code detail} says why. */
	static DomainException urlRefused(String detail) {
		return new DomainException(ProblemType.WEBHOOK_URL_REFUSED, detail);
	}

}
