package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groupchat.groups.Eligibility.Candidate;
import dev.groupchat.groups.Eligibility.Way;
import dev.groupchat.identity.AgeBand;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link Eligibility} on its own, at its boundary, without a Spring context
 * ({@code EligibilityTest} drives the same rules through the API).
 */
class EligibilityRulesTest {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final Eligibility eligibility = new Eligibility();

	@Test
	void aBannedUserGetsInNoWayAndHearsOfTheBanBeforeAnythingElse() {
		for (Way way : new Way[] { Way.SELF_JOIN, Way.ADDED }) {
			assertRefused(new Candidate(way, AgeBand.UNDER_16, 0, true, group(Visibility.PUBLIC, 5)),
					ProblemType.BANNED);
		}
	}

	@Test
	void users13To15TakePartInNoGroupAtAll() {
		assertRefused(new Candidate(Way.CREATE, AgeBand.UNDER_16, 10, false, null), ProblemType.AGE_RESTRICTED);
		assertRefused(new Candidate(Way.ADDED, AgeBand.UNDER_16, 10, false, group(Visibility.PRIVATE, 0)),
				ProblemType.AGE_RESTRICTED);
	}

	@Test
	void users16To17JoinPublicGroupsOnlyWhenAdded() {
		assertRefused(new Candidate(Way.SELF_JOIN, AgeBand.UNDER_18, 10, false, group(Visibility.PUBLIC, 0)),
				ProblemType.AGE_RESTRICTED);
		assertAdmitted(new Candidate(Way.ADDED, AgeBand.UNDER_18, 10, false, group(Visibility.PUBLIC, 0)));
		assertAdmitted(new Candidate(Way.SELF_JOIN, AgeBand.UNDER_18, 10, false, group(Visibility.PRIVATE, 0)));
		assertAdmitted(new Candidate(Way.CREATE, AgeBand.UNDER_18, 0, false, null));
	}

	@Test
	void aSelfJoinNeedsTheGroupsMinimumFanLevelExactlyReachedIsEnough() {
		assertRefused(new Candidate(Way.SELF_JOIN, AgeBand.ADULT, 4, false, group(Visibility.PUBLIC, 5)),
				ProblemType.FAN_LEVEL_TOO_LOW);
		assertAdmitted(new Candidate(Way.SELF_JOIN, AgeBand.ADULT, 5, false, group(Visibility.PUBLIC, 5)));
		assertAdmitted(new Candidate(Way.ADDED, AgeBand.ADULT, 0, false, group(Visibility.PUBLIC, 5)));
	}

	@Test
	void anUnknownAgeBandIsNotRestricted() {
		assertAdmitted(new Candidate(Way.SELF_JOIN, null, 0, false, group(Visibility.PUBLIC, 0)));
		assertAdmitted(new Candidate(Way.CREATE, null, 0, false, null));
	}

	private void assertRefused(Candidate candidate, ProblemType type) {
		assertThatThrownBy(() -> eligibility.check(candidate)).as(candidate.toString())
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.problem()).isEqualTo(type));
	}

	private void assertAdmitted(Candidate candidate) {
		assertThatCode(() -> eligibility.check(candidate)).as(candidate.toString()).doesNotThrowAnyException();
	}

	private static Group group(Visibility visibility, int minFanLevel) {
		Group group = new Group(GroupKind.FAN, "fans", null, "owner", 1_000, NOW);
		group.apply(new GroupSettings(null, null, null, null, null, null, visibility, minFanLevel, null, null), 1_000,
				NOW);
		return group;
	}

}
