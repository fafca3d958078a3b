package dev.groupchat.groups;

import dev.groupchat.identity.AgeBand;
import dev.groupchat.shared.DomainException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who may create, join or be added to a group. Every rule is one {@link Rule}; adding a
 * rule means adding one element to {@link #RULES}, and every way into a group goes
 * through {@link #check}.
 */
@Component
class Eligibility {

	/** How a user is about to get into a group. */
	enum Way {

		CREATE, SELF_JOIN, ADDED

	}

	/**
	 * The facts a rule decides on.
	 *
	 * @param ageBand null when unknown (a user never seen, or a token without the claim)
	 * @param group null for {@link Way#CREATE}
	 */
	record Candidate(Way way, @Nullable AgeBand ageBand, int fanLevel, boolean banned, @Nullable Group group) {
	}

	interface Rule {

		Optional<DomainException> check(Candidate candidate);

	}

	private static final List<Rule> RULES = List.of(
			c -> c.banned() ? Optional.of(GroupProblems.banned()) : Optional.empty(),
			c -> c.ageBand() == AgeBand.UNDER_16
					? Optional.of(GroupProblems.ageRestricted("users aged 13-15 cannot take part in groups"))
					: Optional.empty(),
			c -> c.ageBand() == AgeBand.UNDER_18 && c.way() == Way.SELF_JOIN && c.group() != null
					&& c.group().visibility() == Visibility.PUBLIC
							? Optional.of(GroupProblems
								.ageRestricted("users aged 16-17 cannot join public groups by themselves"))
							: Optional.empty(),
			c -> c.way() == Way.SELF_JOIN && c.group() != null && c.fanLevel() < c.group().minFanLevel()
					? Optional.of(GroupProblems.fanLevelTooLow(c.group().minFanLevel())) : Optional.empty());

	void check(Candidate candidate) {
		for (Rule rule : RULES) {
			Optional<DomainException> refusal = rule.check(candidate);
			if (refusal.isPresent()) {
				throw refusal.get();
			}
		}
	}

}
