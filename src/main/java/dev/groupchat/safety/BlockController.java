package dev.groupchat.safety;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.identity.UserId;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me/blocks")
@Tag(name = "Safety")
class BlockController {

	private final Blocks blocks;

	BlockController(Blocks blocks) {
		this.blocks = blocks;
	}

	@PutMapping("/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Block a user (idempotent): their messages reach you as placeholders, they cannot"
			+ " notify you nor add you to a group; 400 for yourself, 409 beyond the limit")
	void block(CurrentUser user, @PathVariable @UserId String userId) {
		blocks.block(user, userId);
	}

	@DeleteMapping("/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Unblock a user (idempotent)")
	void unblock(CurrentUser user, @PathVariable @UserId String userId) {
		blocks.unblock(user, userId);
	}

	@GetMapping
	@Operation(summary = "The users you blocked, oldest block first")
	CursorPage<BlockView> list(CurrentUser user, @RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		return blocks.list(user, PageRequest.of(limit, cursor));
	}

}
