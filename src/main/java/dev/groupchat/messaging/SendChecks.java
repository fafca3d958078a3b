package dev.groupchat.messaging;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.shared.DomainException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What a message, new or edited, passes before it is stored, least revealing and cheapest
 * first: the sender's right to post in the group, then the {@link SendGuard}s in their
 * {@code @Order} (rate limits, then the keyword filter). An outsider is refused before
 * the group's rate-limit bucket or its filter is touched, so they can neither drain the
 * bucket nor probe the filter.
 */
@Component
class SendChecks {

	private final GroupAccess access;

	private final List<SendGuard> guards;

	private final Clock clock;

	SendChecks(GroupAccess access, List<SendGuard> guards, Clock clock) {
		this.access = access;
		this.guards = List.copyOf(guards);
		this.clock = clock;
	}

	/**
	 * Refuses a sender who may not post in the group. {@code authoritative} reads the
	 * standing uncached (an edit, which nothing checks again); otherwise the cached
	 * standing is trusted to accept, since the writer checks again with the group locked,
	 * and read again before refusing, since the cache may not yet know of a change made
	 * on another node. Answers the standing that passed (its probation is for the
	 * guards).
	 */
	GroupAccess.Standing requirePoster(String senderId, UUID groupId, boolean authoritative) {
		if (authoritative) {
			return checked(access.standing(groupId, senderId), groupId);
		}
		try {
			return checked(access.cachedStanding(groupId, senderId), groupId);
		}
		catch (DomainException ex) {
			return checked(access.standing(groupId, senderId), groupId);
		}
	}

	private GroupAccess.Standing checked(GroupAccess.Standing standing, UUID groupId) {
		PostingPolicy.checkStanding(standing, groupId, clock.instant());
		return standing;
	}

	/**
	 * Runs the guards (rate limits, keyword filter) on a message whose sender may post.
	 */
	void guard(SendGuard.Attempt attempt) {
		for (SendGuard guard : guards) {
			guard.check(attempt);
		}
	}

}
