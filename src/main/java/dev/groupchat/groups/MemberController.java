package dev.groupchat.groups;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.identity.UserId;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/groups/{groupId}")
@Tag(name = "Members")
class MemberController {

	private final MemberManagement members;

	private final OwnSettings ownSettings;

	MemberController(MemberManagement members, OwnSettings ownSettings) {
		this.members = members;
		this.ownSettings = ownSettings;
	}

	@PatchMapping("/members/me/settings")
	@Operation(summary = "Change your own settings for the group: notify, mutedNotificationsUntil, pinned, archived")
	MemberSettings changeOwnSettings(CurrentUser user, @PathVariable String groupId,
			@RequestBody SettingsChange change) {
		return ownSettings.change(user, GroupId.parse(groupId), change);
	}

	@GetMapping("/members")
	@Operation(
			summary = "Members in join order (members only); `q` keeps those whose user id starts with it or whose name contains it, case-insensitively",
			description = "When the group's `hiddenMembers` is true, a MEMBER sees only the OWNER, the ADMINs and "
					+ "themselves (in the list and in a search); the OWNER and ADMINs see everyone. "
					+ "The group's `memberCount` still counts everyone. `probationUntil` (while a newcomer's "
					+ "probation lasts) and `shadowMuted` appear for the OWNER and ADMINs; `probationUntil` also in "
					+ "the member's own entry, never in those of others.")
	CursorPage<MemberView> list(CurrentUser user, @PathVariable String groupId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String q) {
		return members.list(user, GroupId.parse(groupId), PageRequest.of(limit, cursor), q);
	}

	@PostMapping("/members")
	@Operation(summary = "Add a user (OWNER, ADMIN; any member of a CHAT group); 200 if already a member")
	ResponseEntity<MemberView> add(CurrentUser user, @PathVariable String groupId,
			@Valid @RequestBody UserRef request) {
		MemberManagement.Added added = members.add(user, GroupId.parse(groupId), request.userId());
		return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK).body(added.member());
	}

	@PatchMapping("/members/{userId}")
	@Operation(
			summary = "Change role (OWNER; role OWNER hands over), mute or shadowMuted (OWNER, ADMIN over lower roles)")
	MemberView update(CurrentUser user, @PathVariable String groupId, @PathVariable @UserId(also = "me") String userId,
			@RequestBody MemberChange change) {
		return members.update(user, GroupId.parse(groupId), self(user, userId), change);
	}

	@DeleteMapping("/members/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Leave (userId 'me' or your own id) or kick (OWNER, ADMIN)")
	void remove(CurrentUser user, @PathVariable String groupId, @PathVariable @UserId(also = "me") String userId) {
		members.remove(user, GroupId.parse(groupId), self(user, userId));
	}

	@PostMapping("/bans")
	@Operation(summary = "Ban a user (OWNER, ADMIN): removes and keeps out; 200 if already banned")
	ResponseEntity<BanView> ban(CurrentUser user, @PathVariable String groupId,
			@Valid @RequestBody BanRequest request) {
		MemberManagement.Banned banned = members.ban(user, GroupId.parse(groupId), request.userId(), request.reason());
		return ResponseEntity.status(banned.created() ? HttpStatus.CREATED : HttpStatus.OK).body(banned.ban());
	}

	@GetMapping("/bans")
	@Operation(summary = "The group's bans, newest first, with reason and who banned (OWNER, ADMIN)")
	CursorPage<BanView> bans(CurrentUser user, @PathVariable String groupId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return members.bans(user, GroupId.parse(groupId), PageRequest.of(limit, cursor));
	}

	@DeleteMapping("/bans/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Lift a ban (OWNER, ADMIN)")
	void unban(CurrentUser user, @PathVariable String groupId, @PathVariable @UserId String userId) {
		members.unban(user, GroupId.parse(groupId), userId);
	}

	private static String self(CurrentUser user, String userId) {
		return "me".equals(userId) ? user.id() : userId;
	}

	record UserRef(@NotBlank @UserId String userId) {
	}

	record BanRequest(@NotBlank @UserId String userId, @Size(max = 500) String reason) {
	}

}
