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
		GroupAccess.Standing standing = access.standing(groupId, user.id());
		if (!standing.mayRead()) {
			throw DomainException.notFound("group", groupId);
		}
		if (!standing.isMember() || !standing.role().isModerator()) {
			throw DomainException.forbidden("only the owner and admins may moderate this group");
		}
	}

	GroupAccess.Standing requireMember(CurrentUser user, UUID groupId) {
		GroupAccess.Standing standing = access.standing(groupId, user.id());
		if (!standing.mayRead()) {
			throw DomainException.notFound("group", groupId);
		}
		if (!standing.isMember()) {
			throw DomainException.forbidden("only members of this group may do this");
		}
		return standing;
	}

}
