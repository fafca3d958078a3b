package dev.groupchat.groups;

/** A member's role. Each role outranks the ones after it. */
public enum Role {

	OWNER, ADMIN, MEMBER;

	public boolean outranks(Role other) {
		return ordinal() < other.ordinal();
	}

	public boolean isModerator() {
		return this == OWNER || this == ADMIN;
	}

}
