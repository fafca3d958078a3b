package dev.groupchat.groups;

import dev.groupchat.identity.UserProfiles;
import dev.groupchat.identity.UserProfiles.UserSummary;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The two ways a group stops being someone's: handing it over and deleting it. Shared by
 * the owner's own calls and by account deletion, so both publish the same events.
 */
@Component
class Ownership {

	private final MemberRepository members;

	private final InviteRepository invites;

	private final JoinRequestRepository requests;

	private final UserProfiles profiles;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Ownership(MemberRepository members, InviteRepository invites, JoinRequestRepository requests, UserProfiles profiles,
			ApplicationEventPublisher events, Clock clock) {
		this.members = members;
		this.invites = invites;
		this.requests = requests;
		this.profiles = profiles;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The owner becomes an ADMIN and {@code heir} the OWNER, in a group whose row the
	 * caller has locked.
	 */
	void handOver(Group lockedGroup, Member owner, Member heir) {
		Role previous = heir.role();
		owner.stepDownAsOwner();
		members.flush(); // one OWNER per group is a unique index: step down before
							// stepping up
		heir.becomeOwner();
		lockedGroup.handOverTo(heir.userId(), clock.instant());
		events.publishEvent(new MemberRoleChanged(lockedGroup.id(), owner.view(name(owner.userId())), Role.OWNER,
				owner.userId(), lockedGroup.membersHidden()));
		events.publishEvent(
				new GroupUpdated(lockedGroup.id(), lockedGroup.view(), owner.userId(), lockedGroup.view().name()));
		events.publishEvent(new MemberRoleChanged(lockedGroup.id(), heir.view(name(heir.userId())), previous,
				owner.userId(), lockedGroup.membersHidden()));
	}

	/**
	 * Deletes a group whose row the caller has locked. Members, invites and requests go;
	 * messages stay.
	 */
	void delete(Group lockedGroup, String by) {
		List<String> memberIds = members.findUserIds(lockedGroup.id());
		members.deleteAllOfGroup(lockedGroup.id());
		invites.deleteAllOfGroup(lockedGroup.id());
		requests.deleteAllOfGroup(lockedGroup.id());
		lockedGroup.delete(clock.instant());
		events.publishEvent(new GroupDeleted(lockedGroup.id(), by, memberIds));
	}

	private @Nullable String name(String userId) {
		return profiles.find(userId).map(UserSummary::name).orElse(null);
	}

}
