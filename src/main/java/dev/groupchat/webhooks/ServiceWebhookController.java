package dev.groupchat.webhooks;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Service-wide endpoints: an operator's, receiving the events of every group. */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks")
class ServiceWebhookController {

	private final Webhooks webhooks;

	ServiceWebhookController(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Register a service-wide endpoint (role ops): the events of every group",
			description = "As a group's endpoint (same URL rules, event types, signature and body, groupId names"
					+ " the event's group); deliveries are ordered per group, groups in parallel; at most 10"
					+ " service-wide endpoints (409). Shadow-muted members' messages arrive with"
					+ " data.message.shadow = true.")
	CreatedWebhook register(CurrentUser user, @Valid @RequestBody WebhookRequest request) {
		return webhooks.registerForService(user, request);
	}

	@GetMapping
	@Operation(summary = "The service-wide endpoints, oldest first, without their secrets (role ops)")
	CursorPage<WebhookView> list(CurrentUser user) {
		return new CursorPage<>(webhooks.listForService(user), null);
	}

	@DeleteMapping("/{webhookId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a service-wide endpoint and whatever was still queued for it (role ops)")
	void delete(CurrentUser user, @PathVariable String webhookId) {
		webhooks.deleteForService(user, webhookId);
	}

}
