package dev.groupchat.pins;

import dev.groupchat.groups.GroupId;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/groups/{groupId}")
@Tag(name = "Pins")
class PinController {

	private final Pins pins;

	private final MessageReach reach;

	PinController(Pins pins, MessageReach reach) {
		this.pins = pins;
		this.reach = reach;
	}

	@PutMapping("/pins/{seq}")
	@Operation(
			summary = "Pin a message, or change its pin (OWNER, ADMIN): 201 with the new pin, 200 with a changed one",
			description = "PUT semantics: until (future, at most 3650 days ahead; else 400) and announcement (false)"
					+ " are what the body says. At most 10 pins per group (409); one announcement (marking one"
					+ " unmarks the previous). A recalled, unknown or retention-expired message is 404. Writes a"
					+ " SYSTEM message (message.pinned, or announcement.set) and the live event pin.changed.")
	ResponseEntity<PinView> pin(CurrentUser user, @PathVariable String groupId, @PathVariable long seq,
			@Valid @RequestBody(required = false) PinRequest request) {
		Pins.Pinned pinned = pins.pin(user, GroupId.parse(groupId), seq, request == null ? PinRequest.NONE : request);
		return ResponseEntity.status(pinned.created() ? HttpStatus.CREATED : HttpStatus.OK).body(pinned.pin());
	}

	@DeleteMapping("/pins/{seq}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Unpin a message (OWNER, ADMIN); 204, also when it was not pinned",
			description = "Writes a SYSTEM message (message.unpinned) and the live event pin.changed when a pin"
					+ " was removed.")
	void unpin(CurrentUser user, @PathVariable String groupId, @PathVariable long seq) {
		pins.unpin(user, GroupId.parse(groupId), seq);
	}

	@GetMapping("/pins")
	@Operation(summary = "The group's pins in force with their messages, the announcement first, then latest pinned"
			+ " first (members, and readers of a PUBLIC fan group); at most 10, nextCursor always null")
	CursorPage<PinView> list(CurrentUser user, @PathVariable String groupId) {
		return new CursorPage<>(pins.list(user, GroupId.parse(groupId)), null);
	}

	@GetMapping("/messages/{seq}/reach")
	@Operation(summary = "How far a message was read (OWNER, ADMIN; members 403)",
			description = "For a pinned message or a message whose sender is an OWNER or ADMIN (else 404):"
					+ " memberCount (members other than the sender), readCount (of them, read markers at or past"
					+ " seq), and in CHAT groups seenBy (their user ids); FAN groups have no seenBy.")
	ReachView reach(CurrentUser user, @PathVariable String groupId, @PathVariable long seq) {
		return reach.reach(user, GroupId.parse(groupId), seq);
	}

}
