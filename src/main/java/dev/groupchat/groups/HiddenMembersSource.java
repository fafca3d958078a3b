package dev.groupchat.groups;

/**
 * Where a group's {@code hiddenMembers} comes from: {@link #SETTING}, set by an OWNER or
 * ADMIN, or {@link #AUTOMATIC}, hidden exactly while the group is a FAN group with a
 * member in age band 16-17 (a new group starts so; {@code hiddenMembers: null} returns to
 * it).
 */
public enum HiddenMembersSource {

	AUTOMATIC, SETTING

}
