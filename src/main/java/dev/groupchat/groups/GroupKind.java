package dev.groupchat.groups;

/**
 * What a group is for: friends chatting (any member may add people) or a creator's fan
 * group.
 */
public enum GroupKind {

	CHAT, FAN

}
