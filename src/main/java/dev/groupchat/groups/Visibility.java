package dev.groupchat.groups;

/** PUBLIC fan groups can be found, read and joined by non-members. */
public enum Visibility {

	PRIVATE, PUBLIC

}
