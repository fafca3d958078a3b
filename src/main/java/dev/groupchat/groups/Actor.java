package dev.groupchat.groups;

import org.jspecify.annotations.Nullable;

/**
 * The caller as seen by one group: the group and the caller's membership, if any. The
 * permission checks of every call are expressed on it, so the rules read in one place.
 */
record Actor(String userId, Group group, @Nullable Member member) {

	boolean isMember() {
		return member != null;
	}

	/** The caller's role in the group; only for a member (as {@link #membership()}). */
	Role role() {
		return membership().role();
	}

	/**
	 * Members only; a non-member of a group they cannot see is told it does not exist.
	 */
	Actor requireMember() {
		membership();
		return this;
	}

	/**
	 * The caller's membership, refusing a non-member as {@link #requireMember()} does.
	 */
	Member membership() {
		if (member == null) {
			throw group.isReadableByAnyone() ? GroupProblems.notMember() : GroupProblems.groupNotFound(group.id());
		}
		return member;
	}

	Actor requireModerator(String action) {
		if (!membership().role().isModerator()) {
			throw GroupProblems.needsRole(action);
		}
		return this;
	}

	Actor requireOwner(String action) {
		if (membership().role() != Role.OWNER) {
			throw GroupProblems.needsRole(action);
		}
		return this;
	}

	/**
	 * OWNER and ADMIN may invite and add; in a CHAT group of friends every member may.
	 */
	Actor requireMayInvite() {
		return group.kind() == GroupKind.CHAT ? requireMember() : requireModerator("invite people");
	}

	/**
	 * A moderator acting on another member must outrank them (an admin cannot kick an
	 * admin).
	 */
	void requireOutranks(Member target, String action) {
		requireModerator(action);
		if (!membership().role().outranks(target.role())) {
			throw GroupProblems.needsRole(action + " a member of role " + target.role());
		}
	}

}
