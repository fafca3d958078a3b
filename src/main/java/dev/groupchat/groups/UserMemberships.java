package dev.groupchat.groups;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's memberships across all groups, for data-rights requests: what they are, and
 * leaving them all when the user deletes their account. Each leave publishes the events
 * of the individual calls (hand-over, group deletion, leaving), so members and devices
 * see nothing new.
 */
@Service
public class UserMemberships {

	private final MemberRepository members;

	private final JoinRequestRepository requests;

	private final Groups groups;

	private final Admission admission;

	private final Ownership ownership;

	UserMemberships(MemberRepository members, JoinRequestRepository requests, Groups groups, Admission admission,
			Ownership ownership) {
		this.members = members;
		this.requests = requests;
		this.groups = groups;
		this.admission = admission;
		this.ownership = ownership;
	}

	/** The user's memberships in live groups, in the order they joined. */
	@Transactional(readOnly = true)
	public List<UserMembership> list(String userId) {
		return members.findMemberships(userId);
	}

	/**
	 * The user leaves the group. An owner first hands it over to the longest-serving
	 * ADMIN (earliest {@code joinedAt}); with no ADMIN the group is deleted instead.
	 * Harmless when they are no longer a member or the group is gone.
	 */
	@Transactional
	public void leaveForGood(String userId, UUID groupId) {
		Optional<Actor> found = groups.findLockedActor(groupId, userId).filter(Actor::isMember);
		if (found.isEmpty()) {
			return;
		}
		Actor actor = found.get();
		if (actor.role() == Role.OWNER) {
			Optional<Member> heir = members.findAdmins(groupId, Limit.of(1)).stream().findFirst();
			if (heir.isEmpty()) {
				ownership.delete(actor.group(), userId);
				return;
			}
			ownership.handOver(actor.group(), actor.membership(), heir.get());
		}
		admission.remove(actor.group(), actor.membership(), userId, LeaveReason.LEFT);
	}

	/** Forgets the user's join requests, pending or decided, in every group. */
	@Transactional
	public void forgetJoinRequests(String userId) {
		requests.deleteAllOfUser(userId);
	}

}
