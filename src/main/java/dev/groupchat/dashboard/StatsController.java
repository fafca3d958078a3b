package dev.groupchat.dashboard;

import dev.groupchat.groups.GroupId;
import dev.groupchat.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Dashboard")
class StatsController {

	private final GroupStats stats;

	StatsController(GroupStats stats) {
		this.stats = stats;
	}

	@GetMapping("/api/v1/groups/{groupId}/stats")
	@Operation(summary = "A group's numbers for its creator (OWNER, ADMIN): today, the last `days` UTC days"
			+ " (1 to 90, default 30; one entry per day, zero-filled), top posters, messages per hour of day (UTC),"
			+ " and the read share of the latest messages of the OWNER and ADMINs. SYSTEM messages are not counted.")
	GroupStatsView stats(CurrentUser user, @PathVariable String groupId, @RequestParam(defaultValue = "30") int days) {
		return stats.of(user, GroupId.parse(groupId), days);
	}

}
