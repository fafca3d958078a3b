package dev.groupchat.groups;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.identity.UserId;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Joining")
class JoinController {

	private final Joining joining;

	JoinController(Joining joining) {
		this.joining = joining;
	}

	@PostMapping("/groups/{groupId}/invites")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(
			summary = "Create an invite link (OWNER, ADMIN; any member of a CHAT group); expires in 7 days unless told")
	InviteView invite(CurrentUser user, @PathVariable String groupId,
			@Valid @RequestBody(required = false) InviteRequest request) {
		InviteRequest body = request == null ? new InviteRequest(null, null) : request;
		return joining.createInvite(user, GroupId.parse(groupId), body.maxUses(), body.expiresInSeconds());
	}

	@PostMapping("/invites/{code}/join")
	@Operation(summary = "Join by invite: 201 member, 200 already a member, 202 PENDING under APPROVAL",
			description = "410 `invite-invalid` for a revoked, expired or used-up invite; 409 `invite-paused` for an "
					+ "invite raid defence paused. The join that trips the defence (more than "
					+ "`groupchat.groups.raid.max-joins` through one invite within the window) pauses the invite, "
					+ "switches the group to APPROVAL and answers 202 PENDING.")
	ResponseEntity<Object> joinByInvite(CurrentUser user, @PathVariable String code) {
		return respond(joining.joinByInvite(user, code));
	}

	@PostMapping("/groups/{groupId}/join")
	@Operation(summary = "Join a PUBLIC fan group under OPEN (201) or ask under APPROVAL (202)")
	ResponseEntity<Object> join(CurrentUser user, @PathVariable String groupId) {
		return respond(joining.joinPublic(user, GroupId.parse(groupId)));
	}

	@GetMapping("/groups/{groupId}/join-requests")
	@Operation(summary = "Pending join requests (OWNER, ADMIN)")
	CursorPage<JoinRequestView> requests(CurrentUser user, @PathVariable String groupId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return joining.pending(user, GroupId.parse(groupId), PageRequest.of(limit, cursor));
	}

	@PostMapping("/groups/{groupId}/join-requests/{userId}/approve")
	@Operation(summary = "Approve: the user becomes a member (OWNER, ADMIN)")
	MemberView approve(CurrentUser user, @PathVariable String groupId, @PathVariable @UserId String userId) {
		return joining.approve(user, GroupId.parse(groupId), userId);
	}

	@PostMapping("/groups/{groupId}/join-requests/{userId}/reject")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Reject (OWNER, ADMIN)")
	void reject(CurrentUser user, @PathVariable String groupId, @PathVariable @UserId String userId) {
		joining.reject(user, GroupId.parse(groupId), userId);
	}

	private static ResponseEntity<Object> respond(JoinOutcome outcome) {
		return switch (outcome) {
			case JoinOutcome.Joined joined ->
				ResponseEntity.status(joined.created() ? HttpStatus.CREATED : HttpStatus.OK).body(joined.member());
			case JoinOutcome.Pending pending -> ResponseEntity.status(HttpStatus.ACCEPTED).body(pending);
		};
	}

	record InviteRequest(@Min(1) @Max(100_000) @Nullable Integer maxUses,
			@Min(1) @Max(30 * 24 * 3600) @Nullable Integer expiresInSeconds) {
	}

}
