package dev.groupchat.webhooks;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Registers an endpoint: where to POST, and which event types. */
record WebhookRequest(
		@Schema(description = "https URL of the endpoint", example = "https://backend.example.com/groupchat")
		@NotBlank @Size(max = AddressGuard.MAX_URL_LENGTH) String url,
		@ArraySchema(schema = @Schema(allowableValues = { "message.created", "message.deleted", "member.joined",
				"member.left", "member.banned", "report.created" }), minItems = 1, maxItems = 16)
		@NotNull @Size(min = 1, max = 16) List<@NotBlank @Size(max = 64) String> events) {
}
