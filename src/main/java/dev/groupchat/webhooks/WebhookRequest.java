package dev.groupchat.webhooks;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Registers an endpoint: where to POST, and which event types (each checked against the
 * known ones, so a blank or overlong name is refused as unknown).
 */
record WebhookRequest(
		@NotBlank @Size(max = AddressGuard.MAX_URL_LENGTH) @Schema(description = "https URL of the endpoint",
				example = "https://backend.example.com/groupchat") String url,
		@NotNull @Size(min = 1, max = 16) @ArraySchema(schema = @Schema(
				description = "message.created, message.deleted, member.joined, member.left, member.banned or report.created",
				example = "message.created"), minItems = 1, maxItems = 16) List<String> events) {

}
