package dev.groupchat.groups;

/**
 * What wakes a member: every message, only mentions (@all and replies to them count), or
 * nothing.
 */
public enum NotifyLevel {

	ALL, MENTIONS, NONE;

	/**
	 * The level of a member who never chose one: ALL in a CHAT group, MENTIONS in a FAN
	 * group.
	 */
	public static NotifyLevel defaultFor(GroupKind kind) {
		return kind == GroupKind.FAN ? MENTIONS : ALL;
	}

}
