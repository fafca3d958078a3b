package dev.groupchat.privacy;

import dev.groupchat.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Data rights")
class PrivacyController {

	static final String FILENAME = "groupchat-export.json";

	private final DataExport export;

	private final AccountDeletion deletion;

	private final ExportTurns turns;

	PrivacyController(DataExport export, AccountDeletion deletion, ExportTurns turns) {
		this.export = export;
		this.deletion = deletion;
		this.turns = turns;
	}

	@GetMapping("/export")
	@Operation(summary = "Everything the service holds about the caller, as a JSON download",
			description = "An attachment `groupchat-export.json`: `{formatVersion, userId, exportedAt, profile, "
					+ "memberships: [{groupId, groupName, role, joinedAt, mutedUntil, lastReadSeq}], messages: [message "
					+ "JSON of every message the caller sent, recalled ones as tombstones], reactions: [{groupId, seq, "
					+ "emoji, createdAt}]}`. Streamed: a failure after the first bytes ends the download early, "
					+ "leaving invalid JSON, and never turns into a problem document. Read page by page, so it is not one "
					+ "snapshot: a change made while it downloads may or may not show. One export at a time per "
					+ "user: a second one while the first still runs answers 429 (`rate-limited`, `Retry-After`).",
			responses = {
					@ApiResponse(responseCode = "200",
							content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))),
					@ApiResponse(responseCode = "429", description = "an export of the caller is still running") })
	ResponseEntity<StreamingResponseBody> export(CurrentUser user) {
		String userId = user.id();
		ExportTurns.Turn turn = turns.take(userId);
		StreamingResponseBody body = out -> {
			try {
				export.write(userId, out);
			}
			finally {
				turns.giveBack(turn);
			}
		};
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(FILENAME).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

	@DeleteMapping
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete the caller's account",
			description = "The caller leaves every group; a group they own passes to its longest-serving ADMIN, or is "
					+ "deleted when it has none. Their reactions are withdrawn, their messages recalled (tombstones "
					+ "keep seq contiguous) and their profile erased; members get the same live events as for each "
					+ "single action. Asking again is harmless and completes a deletion cut short. A later call "
					+ "with a valid token of the same user starts a new, empty profile.")
	void delete(CurrentUser user) {
		deletion.delete(user.id());
	}

}
