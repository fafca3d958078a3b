package dev.groupchat.groups;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
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
record GroupsProperties(@DefaultValue("32") @Min(2) int chatMemberLimit,
		@DefaultValue("1000") @Min(2) int fanMemberLimit, @DefaultValue("100000") @Min(2) int maxMemberLimit,
		@DefaultValue("7d") @NotNull @DurationMin(nanos = 1) Duration defaultInviteTtl,
		@DefaultValue("10m") @NotNull Duration probation, @DefaultValue @Valid Raid raid) {

	/**
	 * When a member who came in by themselves now leaves probation; null: never on it.
	 */
	@Nullable Instant probationUntil(Instant joinedAt) {
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
	record Raid(@DefaultValue("50") @Min(0) int maxJoins,
			@DefaultValue("1m") @NotNull @DurationMin(nanos = 1) Duration window) {

		boolean trippedBy(int usesInWindow) {
			return maxJoins > 0 && usesInWindow > maxJoins;
		}

	}

}
