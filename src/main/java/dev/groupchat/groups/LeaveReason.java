package dev.groupchat.groups;

/** Why a membership ended. */
public enum LeaveReason {

	LEFT, KICKED, BANNED

}
