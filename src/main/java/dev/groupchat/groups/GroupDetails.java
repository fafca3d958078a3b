package dev.groupchat.groups;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A group as {@code GET /groups/{id}} (and create, and change) answer it: the group and
 * its announcement (the message as the messaging module shapes it; null when there is
 * none). The live {@code group.updated} event carries the group alone: announcement
 * changes travel as {@code pin.changed}.
 */
record GroupDetails(@JsonUnwrapped GroupView group, @Schema(ref = "#/components/schemas/MessageView", nullable = true,
		description = "The announcement in force (a pinned message), or null") LatestMessages.@Nullable Message announcement) {
}
