package dev.groupchat.messaging;

import dev.groupchat.groups.GroupId;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/groups/{groupId}/messages")
@Tag(name = "Messages")
class MessageController {

	private final Messaging messaging;

	private final History history;

	private final MessageChanges changes;

	private final MessageSearch search;

	private final PollVotes votes;

	MessageController(Messaging messaging, History history, MessageChanges changes, MessageSearch search,
			PollVotes votes) {
		this.votes = votes;
		this.messaging = messaging;
		this.history = history;
		this.changes = changes;
		this.search = search;
	}

	@PostMapping
	@Operation(summary = "Send: 201 with the message; the same clientMsgId again answers 200 with the original",
			description = "type POLL carries poll {question, options (2 to 10), multiple?, anonymous?, closesAt?}"
					+ " and no text, video or mediaUrl.")
	ResponseEntity<MessageView> post(CurrentUser user, @PathVariable String groupId,
			@Valid @RequestBody PostMessage message) {
		Messaging.Posted posted = messaging.post(user, GroupId.parse(groupId), message);
		return ResponseEntity.status(posted.created() ? HttpStatus.CREATED : HttpStatus.OK).body(posted.message());
	}

	@GetMapping
	@Operation(
			summary = "History in ascending seq: afterSeq pages forward, beforeSeq backward, neither gives the newest")
	History.Page history(CurrentUser user, @PathVariable String groupId, @RequestParam(required = false) Long beforeSeq,
			@RequestParam(required = false) Long afterSeq, @RequestParam(required = false) Integer limit) {
		return history.page(user, GroupId.parse(groupId), beforeSeq, afterSeq, limit);
	}

	@GetMapping("/search")
	@Operation(summary = "Search the group's messages, newest first (members; readers of a PUBLIC fan group)",
			description = "`q` (1 to 100 characters) is found as a part of the text, case- and accent-insensitively, "
					+ "in any script (a Chinese word inside a sentence without spaces too). Recalled and "
					+ "retention-expired messages are never found. `{items: [message], nextCursor}`; each item "
					+ "carries its `seq` to jump to.")
	CursorPage<MessageView> search(CurrentUser user, @PathVariable String groupId,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return search.search(user, GroupId.parse(groupId), q, PageRequest.of(limit == null ? 20 : limit, cursor));
	}

	@PatchMapping("/{seq}")
	@Operation(summary = "Edit the text of your message")
	MessageView edit(CurrentUser user, @PathVariable String groupId, @PathVariable long seq,
			@Valid @RequestBody Edit edit) {
		return changes.edit(user, GroupId.parse(groupId), seq, edit.text());
	}

	@DeleteMapping("/{seq}")
	@Operation(summary = "Recall (sender, OWNER, ADMIN); answers the tombstone")
	MessageView recall(CurrentUser user, @PathVariable String groupId, @PathVariable long seq) {
		return changes.recall(user, GroupId.parse(groupId), seq);
	}

	@PutMapping("/{seq}/reactions/{emoji}")
	@Operation(
			summary = "React with one emoji (else 400); a message holds at most 20 different emoji (409); answers the message's reaction counts",
			description = "Counts as the caller sees them: a shadow-muted member's reactions are counted only for "
					+ "themselves and the group's OWNER and ADMINs (docs/adr/hidden-messages-are-placeholders.md).")
	Map<String, Object> react(CurrentUser user, @PathVariable String groupId, @PathVariable long seq,
			@PathVariable @Emoji String emoji) {
		return Map.of("reactions", changes.react(user, GroupId.parse(groupId), seq, emoji, true));
	}

	@DeleteMapping("/{seq}/reactions/{emoji}")
	@Operation(summary = "Unreact; answers the message's reaction counts (as the caller sees them, as for PUT)")
	Map<String, Object> unreact(CurrentUser user, @PathVariable String groupId, @PathVariable long seq,
			@PathVariable @Emoji String emoji) {
		return Map.of("reactions", changes.react(user, GroupId.parse(groupId), seq, emoji, false));
	}

	@PutMapping("/{seq}/votes")
	@Operation(
			summary = "Vote in a POLL (members; muted members 403): the options replace your earlier vote;"
					+ " answers the poll with your votes",
			description = "options are option indexes (0-based, different, at most one unless the poll is multiple"
					+ " choice; else 400); an empty list withdraws your vote. A closed or recalled poll, or a message"
					+ " that is no poll, is 409. The group gets poll.updated live, at most once a second per poll.")
	PollView vote(CurrentUser user, @PathVariable String groupId, @PathVariable long seq,
			@Valid @RequestBody Vote vote) {
		return votes.vote(user, GroupId.parse(groupId), seq, vote.options());
	}

	record Edit(@NotBlank @Size(max = PostMessage.MAX_TEXT) String text) {
	}

	record Vote(@NotNull @Size(max = PollRequest.MAX_OPTIONS) List<@NotNull Integer> options) {
	}

}
