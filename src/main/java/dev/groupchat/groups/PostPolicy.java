package dev.groupchat.groups;

/** Who may post; ADMINS turns a group into an announcement channel. */
public enum PostPolicy {

	EVERYONE, ADMINS

}
