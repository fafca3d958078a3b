package dev.groupchat.groups;

/** A group as seen by one of its members: the group and their membership. */
record GroupMembership(Group group, Member member) {
}
