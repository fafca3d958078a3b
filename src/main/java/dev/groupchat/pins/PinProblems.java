package dev.groupchat.pins;

import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.util.List;
import java.util.Map;

/** The refusals of this module. */
final class PinProblems {

	private PinProblems() {
	}

	static DomainException notModerator(String what) {
		return DomainException.forbidden("only the group's OWNER and ADMINs may " + what);
	}

	static DomainException tooMany(int max) {
		return DomainException
			.conflict("a group has at most " + max + " pinned messages; unpin one (DELETE .../pins/{seq}) first");
	}

	static DomainException messageNotFound(long seq) {
		return DomainException.notFound("message", seq);
	}

	static DomainException expired(long seq) {
		return new DomainException(ProblemType.NOT_FOUND,
				"message " + seq + " is past the group's retention period and can no longer be pinned");
	}

	static DomainException noReach(long seq) {
		return new DomainException(ProblemType.NOT_FOUND, "message " + seq
				+ " has no reach: it is answered for pinned messages and for messages of the owner and admins");
	}

	static DomainException untilNotInFuture() {
		return invalidUntil("until must lie in the future");
	}

	static DomainException untilTooFar(int days) {
		return invalidUntil("until may lie at most " + days + " days ahead");
	}

	private static DomainException invalidUntil(String detail) {
		return new DomainException(ProblemType.VALIDATION, detail,
				Map.of("errors", List.of(Map.of("field", "until", "message", detail))));
	}

}
