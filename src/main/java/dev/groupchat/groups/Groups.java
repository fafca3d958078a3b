package dev.groupchat.groups;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Loads a group together with the caller's membership. */
@Component
class Groups {

	private final GroupRepository groups;

	private final MemberRepository members;

	Groups(GroupRepository groups, MemberRepository members) {
		this.groups = groups;
		this.members = members;
	}

	/**
	 * The group as seen by the caller; 404 when it does not exist or is invisible to
	 * them.
	 */
	Actor actor(UUID groupId, String userId) {
		return actorOf(groups.findLive(groupId).orElseThrow(() -> GroupProblems.groupNotFound(groupId)), userId);
	}

	/**
	 * As {@link #actor}, with the group row locked until commit (membership counts
	 * change).
	 */
	Actor lockedActor(UUID groupId, String userId) {
		return actorOf(groups.lockLive(groupId).orElseThrow(() -> GroupProblems.groupNotFound(groupId)), userId);
	}

	/**
	 * As {@link #lockedActor}, empty when the group does not exist (or no longer does).
	 */
	Optional<Actor> findLockedActor(UUID groupId, String userId) {
		return groups.lockLive(groupId)
			.map(group -> new Actor(userId, group, members.findById(new MemberKey(groupId, userId)).orElse(null)));
	}

	Group locked(UUID groupId) {
		return groups.lockLive(groupId).orElseThrow(() -> GroupProblems.groupNotFound(groupId));
	}

	private Actor actorOf(Group group, String userId) {
		Member member = members.findById(new MemberKey(group.id(), userId)).orElse(null);
		if (member == null && !group.isReadableByAnyone()) {
			throw GroupProblems.groupNotFound(group.id());
		}
		return new Actor(userId, group, member);
	}

}
