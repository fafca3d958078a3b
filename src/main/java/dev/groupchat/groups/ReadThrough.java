package dev.groupchat.groups;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How far a message was read, from the read markers alone: of the group's members other
 * than its sender ({@code memberCount}), how many have a marker at or past its seq
 * ({@code readCount}), and who they are ({@code readerIds}) when that was asked for
 * (small groups only), else null. A member who joined after the message counts as having
 * read past it: a new member's marker starts at the group's last seq.
 */
public record ReadThrough(long memberCount, long readCount, @Nullable List<String> readerIds) {
}
