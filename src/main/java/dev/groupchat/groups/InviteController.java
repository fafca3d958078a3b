package dev.groupchat.groups;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/groups/{groupId}/invites")
@Tag(name = "Joining")
class InviteController {

	/**
	 * Codes are 12 characters of an unambiguous alphabet; anything else cannot name an
	 * invite.
	 */
	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,32}");

	private final InviteManagement invites;

	InviteController(InviteManagement invites) {
		this.invites = invites;
	}

	@GetMapping
	@Operation(
			summary = "Live invites, newest first, with use counts (OWNER, ADMIN: all; a member of a CHAT group: "
					+ "their own)",
			description = "`{items: [{code, groupId, createdBy, createdAt, expiresAt, maxUses, uses, "
					+ "valid, members, paused, pausedAt}], nextCursor}`. Revoked invites are not listed; expired, "
					+ "used-up and paused ones are, with `valid: false`. `members`: how many who joined with it are "
					+ "members now. `paused`: raid defence stopped joins through it (joining answers 409 "
					+ "`invite-paused`) until an OWNER or ADMIN resumes it.")
	CursorPage<InviteView> list(CurrentUser user, @PathVariable String groupId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return invites.list(user, GroupId.parse(groupId), PageRequest.of(limit, cursor));
	}

	@GetMapping("/{code}/members")
	@Operation(summary = "The members who joined with this invite, in join order (OWNER, ADMIN, its creator)",
			description = "Which fans a link brought: those who joined with it at once or through a join request "
					+ "made with it and approved. Same page shape as GET /members. When the group's `hiddenMembers` "
					+ "is true, a creator who is a MEMBER sees only the OWNER, the ADMINs and themselves among them.")
	CursorPage<MemberView> members(CurrentUser user, @PathVariable String groupId, @PathVariable String code,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		if (!CODE.matcher(code).matches()) {
			throw DomainException.notFound("invite", "with that code");
		}
		return invites.joinedWith(user, GroupId.parse(groupId), code, PageRequest.of(limit, cursor));
	}

	@PostMapping("/{code}/resume")
	@Operation(summary = "Resume an invite raid defence paused (OWNER, ADMIN): joining with it works again",
			description = "Answers the invite (`paused: false`); its window of counted joins starts afresh. "
					+ "The group's `joinPolicy`, switched to APPROVAL by the pause, stays: change it back with "
					+ "PATCH /groups/{groupId}. Resuming an invite that is not paused answers it unchanged.")
	InviteView resume(CurrentUser user, @PathVariable String groupId, @PathVariable String code) {
		if (!CODE.matcher(code).matches()) {
			throw DomainException.notFound("invite", "with that code");
		}
		return invites.resume(user, GroupId.parse(groupId), code);
	}

	@DeleteMapping("/{code}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke an invite (OWNER, ADMIN, its creator): joining with it then answers 410; "
			+ "revoking it again answers 204")
	void revoke(CurrentUser user, @PathVariable String groupId, @PathVariable String code) {
		if (!CODE.matcher(code).matches()) {
			throw DomainException.notFound("invite", "with that code");
		}
		invites.revoke(user, GroupId.parse(groupId), code);
	}

}
