package dev.groupchat.groups;

import dev.groupchat.shared.DomainException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A change of group settings; null fields stay as they are. {@code retentionDays} present
 * and empty keeps messages forever again; {@code hiddenMembers} present and empty returns
 * to the automatic rule.
 */
record GroupSettings(@Nullable String name, @Nullable String description, @Nullable JoinPolicy joinPolicy,
		@Nullable PostPolicy postPolicy, @Nullable Integer slowModeSeconds, @Nullable Integer memberLimit,
		@Nullable Visibility visibility, @Nullable Integer minFanLevel, @Nullable Optional<Integer> retentionDays,
		@Nullable Optional<Boolean> hiddenMembers) {

	/** Bounds of {@code retentionDays}: a day to ten years. */
	public static final int MIN_RETENTION_DAYS = 1;

	public static final int MAX_RETENTION_DAYS = 3650;

	void validate(Group group, int maxMemberLimit) {
		if (slowModeSeconds != null && !Group.SLOW_MODE_STEPS.contains(slowModeSeconds)) {
			throw DomainException.invalid("slowModeSeconds must be one of 0, 5, 10, 30, 60, 300, 900, 3600");
		}
		if (memberLimit != null && (memberLimit < 2 || memberLimit > maxMemberLimit)) {
			throw DomainException.invalid("memberLimit must be between 2 and " + maxMemberLimit);
		}
		if (memberLimit != null && memberLimit < group.memberCount()) {
			throw DomainException
				.conflict("memberLimit cannot be below the current member count of " + group.memberCount());
		}
		if (visibility == Visibility.PUBLIC && group.kind() != GroupKind.FAN) {
			throw DomainException.invalid("only FAN groups can be PUBLIC");
		}
		if (minFanLevel != null && minFanLevel < 0) {
			throw DomainException.invalid("minFanLevel must be 0 or more");
		}
		if (retentionDays != null
				&& retentionDays.filter(d -> d < MIN_RETENTION_DAYS || d > MAX_RETENTION_DAYS).isPresent()) {
			throw DomainException.invalid("retentionDays must be between " + MIN_RETENTION_DAYS + " and "
					+ MAX_RETENTION_DAYS + ", or null to keep messages forever");
		}
	}

	boolean isEmpty() {
		return name == null && description == null && joinPolicy == null && postPolicy == null
				&& slowModeSeconds == null && memberLimit == null && visibility == null && minFanLevel == null
				&& retentionDays == null && hiddenMembers == null;
	}

}
