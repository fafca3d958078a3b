package dev.groupchat.groups;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of groups.
 *
 * @param chatMemberLimit member limit of a new CHAT group
 * @param fanMemberLimit member limit of a new FAN group
 * @param maxMemberLimit the highest limit an owner may set
 * @param defaultInviteTtl how long an invite lives when the request names no expiry
 * @param probation how long a member who came in by themselves (invite, public join,
 * approved join request) may not post links or media; zero (or less) switches probation
 * off
 * @param raid when an invite is paused as a raid
 */
@Validated
@ConfigurationProperties("groupchat.groups")
record GroupsProperties(@Min(2) Integer chatMemberLimit, @Min(2) Integer fanMemberLimit, @Min(2) Integer maxMemberLimit,
		Duration defaultInviteTtl, Duration probation, @Valid Raid raid) {

	public GroupsProperties {
		chatMemberLimit = chatMemberLimit == null ? 32 : chatMemberLimit;
		fanMemberLimit = fanMemberLimit == null ? 1_000 : fanMemberLimit;
		maxMemberLimit = maxMemberLimit == null ? 100_000 : maxMemberLimit;
		defaultInviteTtl = defaultInviteTtl == null ? Duration.ofDays(7) : defaultInviteTtl;
		probation = probation == null ? Duration.ofMinutes(10) : probation;
		raid = raid == null ? new Raid(null, null) : raid;
	}

	/**
	 * When a member who came in by themselves now leaves probation; null: never on it.
	 */
	Instant probationUntil(Instant joinedAt) {
		return probation.isNegative() || probation.isZero() ? null : joinedAt.plus(probation);
	}

	int initialLimit(GroupKind kind) {
		return kind == GroupKind.CHAT ? chatMemberLimit : fanMemberLimit;
	}

	/**
	 * Raid defence: more than {@code maxJoins} uses of one invite within {@code window}
	 * pause it and switch its group to APPROVAL.
	 *
	 * @param maxJoins uses of one invite a window allows; zero switches the defence off
	 * @param window the length of a counting window, opened by the first use after the
	 * previous one closed
	 */
	record Raid(@Min(0) Integer maxJoins, Duration window) {

		public Raid {
			maxJoins = maxJoins == null ? 50 : maxJoins;
			window = window == null ? Duration.ofMinutes(1) : window;
		}

		boolean trippedBy(int usesInWindow) {
			return maxJoins > 0 && usesInWindow > maxJoins;
		}

	}

}
