package dev.groupchat.groups;

/** How people other than those added by a member get in. */
public enum JoinPolicy {

	OPEN, APPROVAL, INVITE_ONLY

}
