package dev.groupchat.groups;

import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.util.UUID;

/** The refusals of this module, each named for its situation. */
final class GroupProblems {

	private GroupProblems() {
	}

	static DomainException groupNotFound(UUID groupId) {
		return DomainException.notFound("group", groupId);
	}

	static DomainException memberNotFound(String userId) {
		return DomainException.notFound("member", userId);
	}

	static DomainException full(int limit) {
		return new DomainException(ProblemType.GROUP_FULL, "the group has reached its member limit of " + limit);
	}

	static DomainException banned() {
		return new DomainException(ProblemType.BANNED, "the user is banned from this group");
	}

	static DomainException ageRestricted(String detail) {
		return new DomainException(ProblemType.AGE_RESTRICTED, detail);
	}

	static DomainException fanLevelTooLow(int required) {
		return new DomainException(ProblemType.FAN_LEVEL_TOO_LOW, "this group needs fan level " + required);
	}

	static DomainException needsRole(String action) {
		return DomainException.forbidden("your role in this group does not allow you to " + action);
	}

	/**
	 * The user may not be added by the caller. The same refusal whatever the reason (the
	 * user blocked the caller, say), so that the caller cannot tell a block.
	 */
	static DomainException cannotAdd() {
		return DomainException.forbidden("this user cannot be added to this group by you");
	}

	static DomainException notMember() {
		return DomainException.forbidden("only members of this group may do this");
	}

	static DomainException ownerMustHandOver() {
		return DomainException.conflict("the owner cannot leave, be removed or be demoted; hand over ownership first");
	}

	static DomainException inviteGone(String why) {
		return new DomainException(ProblemType.INVITE_INVALID, "this invite " + why);
	}

	static DomainException invitePaused() {
		return new DomainException(ProblemType.INVITE_PAUSED,
				"this invite is paused after a burst of joins; an owner or admin of the group may resume it");
	}

}
