package dev.groupchat.safety;

import dev.groupchat.shared.DomainException;

/** The refusals of this module. */
final class SafetyProblems {

	private SafetyProblems() {
	}

	static DomainException cannotBlockYourself() {
		return DomainException.invalid("you cannot block yourself");
	}

	static DomainException tooManyBlocks(int max) {
		return DomainException.conflict("a user may block at most " + max + " users; unblock one first");
	}

}
