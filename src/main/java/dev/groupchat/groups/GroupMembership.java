package dev.groupchat.groups;

/** A group as seen by one of its members: the group and how far they have read. */
record GroupMembership(Group group, long lastReadSeq) {
}
