package dev.groupchat.moderation;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.DomainException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Who may use the moderation tools of a group: its OWNER and ADMINs. */
@Component
class Moderators {

	private final GroupAccess access;

	Moderators(GroupAccess access) {
		this.access = access;
	}

	void require(CurrentUser user, UUID groupId) {
		GroupAccess.Standing standing = access.standing(groupId, user.id()).requireMember(groupId);
		if (!standing.isModerator()) {
			throw DomainException.forbidden("only the owner and admins may moderate this group");
		}
	}

	GroupAccess.Standing requireMember(CurrentUser user, UUID groupId) {
		return access.standing(groupId, user.id()).requireMember(groupId);
	}

}
