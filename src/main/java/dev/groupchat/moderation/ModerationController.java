package dev.groupchat.moderation;

import dev.groupchat.groups.GroupId;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.CursorPage;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/groups/{groupId}")
@Tag(name = "Moderation")
class ModerationController {

	private final KeywordFilters filters;

	private final Reports reports;

	private final AuditLog audit;

	ModerationController(KeywordFilters filters, Reports reports, AuditLog audit) {
		this.filters = filters;
		this.reports = reports;
		this.audit = audit;
	}

	@GetMapping("/keyword-filter")
	@Operation(summary = "The group's keyword filter (OWNER, ADMIN)")
	KeywordFilter filter(CurrentUser user, @PathVariable String groupId) {
		return filters.get(user, GroupId.parse(groupId));
	}

	@PutMapping("/keyword-filter")
	@Operation(
			summary = "Replace the keyword filter (OWNER, ADMIN): whole words and RE2 patterns; matching messages get 422")
	KeywordFilter replaceFilter(CurrentUser user, @PathVariable String groupId,
			@Valid @RequestBody FilterRequest request) {
		return filters.replace(user, GroupId.parse(groupId), new KeywordFilter(request.words(), request.patterns()));
	}

	@PostMapping("/messages/{seq}/reports")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Report a message to the group's moderators (members)")
	Map<String, Object> report(CurrentUser user, @PathVariable String groupId, @PathVariable long seq,
			@Valid @RequestBody ReportRequest request) {
		return Map.of("id", reports.report(user, GroupId.parse(groupId), seq, request.reason()), "status", "OPEN");
	}

	@GetMapping("/reports")
	@Operation(summary = "Open reports, oldest first (OWNER, ADMIN); reporters are never shown")
	CursorPage<ReportView> reports(CurrentUser user, @PathVariable String groupId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return reports.open(user, GroupId.parse(groupId), PageRequest.of(limit, cursor));
	}

	@PostMapping("/reports/{reportId}/resolve")
	@Operation(summary = "Resolve a report and the other open reports of its message: DISMISS, RECALL, MUTE or BAN")
	ReportView resolve(CurrentUser user, @PathVariable String groupId, @PathVariable String reportId,
			@Valid @RequestBody ResolveRequest request) {
		return reports.resolve(user, GroupId.parse(groupId), reportId(reportId),
				new Reports.Resolution(request.action(), request.muteSeconds(), request.reason()));
	}

	@GetMapping("/audit-log")
	@Operation(summary = "Moderation actions, newest first (OWNER, ADMIN)",
			description = "`{items: [{id, groupId, actorId, action, targetId, reason, details, createdAt}], "
					+ "nextCursor}`. `actorId` is null for what the server did by itself: `invite.paused` (raid "
					+ "defence; `targetId` the invite code, `reason` e.g. \"raid: 51 joins via invite X in 60 s\").")
	CursorPage<AuditEntry> auditLog(CurrentUser user, @PathVariable String groupId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return audit.entries(user, GroupId.parse(groupId), PageRequest.of(limit, cursor));
	}

	private static UUID reportId(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw DomainException.notFound("report", value);
		}
	}

	record FilterRequest(
			@Size(max = KeywordFilterLimits.MAX_WORDS) List<@NotBlank @Size(
					max = KeywordFilterLimits.MAX_WORD_LENGTH) String> words,
			@Size(max = KeywordFilterLimits.MAX_PATTERNS) List<@NotBlank @Size(
					max = KeywordFilterLimits.MAX_PATTERN_LENGTH) String> patterns) {
	}

	record ReportRequest(@NotBlank @Size(max = 1000) String reason) {
	}

	record ResolveRequest(@NotNull ReportAction action, @Min(1) @Max(31_536_000) Long muteSeconds,
			@Size(max = 500) String reason) {
	}

}
