package dev.groupchat.groups;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
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
@RequestMapping("/api/v1/groups")
@Tag(name = "Groups")
class GroupController {

	private final GroupManagement management;

	private final ReadMarkers readMarkers;

	GroupController(GroupManagement management, ReadMarkers readMarkers) {
		this.management = management;
		this.readMarkers = readMarkers;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a group; the caller becomes its OWNER")
	GroupDetails create(CurrentUser user, @Valid @RequestBody NewGroup request) {
		return management.create(user, request);
	}

	@GetMapping
	@Operation(
			summary = "The caller's groups, pinned first; archived ones only with archived=true (and then only those)")
	CursorPage<GroupSummary> mine(CurrentUser user, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "false") boolean archived) {
		return management.listMine(user, PageRequest.of(limit, cursor), archived);
	}

	@GetMapping("/{groupId}")
	@Operation(summary = "A group with its announcement (members, or anyone for a PUBLIC fan group)")
	GroupDetails get(CurrentUser user, @PathVariable String groupId) {
		return management.get(user, GroupId.parse(groupId));
	}

	@PatchMapping("/{groupId}")
	@Operation(summary = "Change settings (OWNER, ADMIN)")
	GroupDetails update(CurrentUser user, @PathVariable String groupId, @Valid @RequestBody SettingsRequest request) {
		return management.update(user, GroupId.parse(groupId), request.toSettings());
	}

	@DeleteMapping("/{groupId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete the group (OWNER)")
	void delete(CurrentUser user, @PathVariable String groupId) {
		management.delete(user, GroupId.parse(groupId));
	}

	@PostMapping("/{groupId}/read")
	@Operation(summary = "The caller has read up to seq; answers the read marker now in force")
	Map<String, Long> read(CurrentUser user, @PathVariable String groupId, @Valid @RequestBody ReadRequest request) {
		return Map.of("seq", readMarkers.markRead(user, GroupId.parse(groupId), request.seq()));
	}

	record ReadRequest(@NotNull @Min(0) Long seq) {
	}

	record SettingsRequest(
			@Size(min = 1, max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
			@Size(max = 1000) String description, JoinPolicy joinPolicy, PostPolicy postPolicy, Integer slowModeSeconds,
			Integer memberLimit, Visibility visibility, @Min(0) @Max(1_000_000) Integer minFanLevel,
			@Schema(description = "Days messages are kept (1 to 3650); older ones become tombstones. "
					+ "Absent leaves it as is, null keeps messages forever.", nullable = true, minimum = "1",
					maximum = "3650") Optional<Integer> retentionDays,
			@Schema(description = "Only the OWNER and ADMINs see who is a member: true or false as set; "
					+ "null returns to automatic (hidden in a FAN group while any member is 16-17). "
					+ "Absent leaves it as is.", nullable = true) Optional<Boolean> hiddenMembers) {

		GroupSettings toSettings() {
			return new GroupSettings(name == null ? null : name.strip(), description, joinPolicy, postPolicy,
					slowModeSeconds, memberLimit, visibility, minFanLevel, retentionDays, hiddenMembers);
		}

	}

}
