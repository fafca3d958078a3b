package dev.groupchat.webhooks;

import dev.groupchat.groups.GroupId;
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

@RestController
@RequestMapping("/api/v1/groups/{groupId}/webhooks")
@Tag(name = "Webhooks")
class WebhookController {

	private final Webhooks webhooks;

	WebhookController(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Register an endpoint (OWNER); the answer carries its signing secret, shown only this once",
			description = "https only, and no loopback, private, link-local or metadata address (400 webhook-url-refused)"
					+ " unless groupchat.webhooks.allow-private-addresses is on; events from message.created,"
					+ " message.deleted, member.joined, member.left, member.banned, report.created (400 otherwise);"
					+ " at most 10 endpoints per group (409).")
	CreatedWebhook register(CurrentUser user, @PathVariable String groupId,
			@Valid @RequestBody WebhookRequest request) {
		return webhooks.register(user, GroupId.parse(groupId), request);
	}

	@GetMapping
	@Operation(summary = "The group's endpoints, oldest first, without their secrets (OWNER)")
	CursorPage<WebhookView> list(CurrentUser user, @PathVariable String groupId) {
		return new CursorPage<>(webhooks.list(user, GroupId.parse(groupId)), null);
	}

	@DeleteMapping("/{webhookId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an endpoint and whatever was still queued for it (OWNER)")
	void delete(CurrentUser user, @PathVariable String groupId, @PathVariable String webhookId) {
		webhooks.delete(user, GroupId.parse(groupId), webhookId);
	}

}
