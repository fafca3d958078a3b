package dev.groupchat.groups;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of groups.
 *
 * @param chatMemberLimit member limit of a new CHAT group
 * @param fanMemberLimit member limit of a new FAN group
 * @param maxMemberLimit the highest limit an owner may set
 * @param defaultInviteTtl how long an invite lives when the request names no expiry
 */
@Validated
@ConfigurationProperties("groupchat.groups")
record GroupsProperties(@Min(2) Integer chatMemberLimit, @Min(2) Integer fanMemberLimit, @Min(2) Integer maxMemberLimit,
		Duration defaultInviteTtl) {

	public GroupsProperties {
		chatMemberLimit = chatMemberLimit == null ? 32 : chatMemberLimit;
		fanMemberLimit = fanMemberLimit == null ? 1_000 : fanMemberLimit;
		maxMemberLimit = maxMemberLimit == null ? 100_000 : maxMemberLimit;
		defaultInviteTtl = defaultInviteTtl == null ? Duration.ofDays(7) : defaultInviteTtl;
	}

	int initialLimit(GroupKind kind) {
		return kind == GroupKind.CHAT ? chatMemberLimit : fanMemberLimit;
	}

}
