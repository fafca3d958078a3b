package dev.groupchat.groups;

import dev.groupchat.shared.DomainException;
import java.util.UUID;

/**
 * Parses a group id from a path; an id that is not a UUID names no group, so it is a 404.
 */
public final class GroupId {

	private GroupId() {
	}

	public static UUID parse(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw DomainException.notFound("group", value);
		}
	}

}
