package dev.groupchat.messaging;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Voting in polls: members who may react may vote (a muted member may not); a new vote
 * replaces the voter's previous one; a closed or recalled poll takes no votes. The counts
 * change in the vote's transaction; the group hears of them through {@link PollUpdates}.
 * A member who leaves or is banned keeps their votes counted.
 */
@Service
class PollVotes {

	private final GroupAccess access;

	private final PollStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PollVotes(GroupAccess access, PollStore store, ApplicationEventPublisher events, Clock clock) {
		this.access = access;
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	/** Answers the poll after the vote, with the voter's own choices. */
	@Transactional
	PollView vote(CurrentUser user, UUID groupId, long seq, List<Integer> options) {
		GroupAccess.Standing standing = access.cachedStanding(groupId, user.id()).requireMember(groupId);
		Instant now = clock.instant();
		if (standing.mutedUntil() != null && standing.mutedUntil().isAfter(now)) {
			throw MessagingProblems.muted("you are muted in this group until " + standing.mutedUntil());
		}
		PollStore.Locked locked = store.lock(groupId, seq).orElseThrow(() -> MessagingProblems.messageNotFound(seq));
		if (locked.poll() == null) {
			throw DomainException
				.conflict(locked.deleted() ? "a recalled poll takes no votes" : "message " + seq + " is not a poll");
		}
		if (locked.poll().isClosed(now)) {
			throw DomainException.conflict("the poll closed at " + locked.poll().closesAt());
		}
		List<Integer> chosen = chosen(options, locked.poll());
		store.replace(groupId, seq, user.id(), chosen, now);
		StoredPoll counted = store.recount(groupId, seq);
		events.publishEvent(new PollVoted(groupId, seq));
		return counted.view(now).withMyVotes(chosen);
	}

	/**
	 * The chosen option indexes, ascending; refused (400) unless the poll allows them.
	 */
	private static List<Integer> chosen(List<Integer> options, StoredPoll poll) {
		List<Integer> chosen = options.stream().distinct().sorted().toList();
		if (chosen.size() != options.size()
				|| chosen.stream().anyMatch(option -> option < 0 || option >= poll.options().size())) {
			throw DomainException
				.invalid("options must be different indexes between 0 and " + (poll.options().size() - 1));
		}
		if (!poll.multiple() && chosen.size() > 1) {
			throw DomainException.invalid("this poll takes one option (it is not multiple choice)");
		}
		return chosen;
	}

}
