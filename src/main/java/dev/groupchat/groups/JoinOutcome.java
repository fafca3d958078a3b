package dev.groupchat.groups;

/**
 * What came of a request to join: the user is a member ({@code created} false when they
 * already were), or their request waits for approval.
 */
sealed interface JoinOutcome {

	record Joined(MemberView member, boolean created) implements JoinOutcome {
	}

	record Pending(String status) implements JoinOutcome {
		Pending() {
			this("PENDING");
		}
	}

}
