package dev.groupchat.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A poll as the {@code message.poll} column keeps it: the options' texts and, in the same
 * order, their vote counts.
 */
record StoredPoll(String question, List<String> options, List<Integer> votes, boolean multiple, boolean anonymous,
		@Nullable Instant closesAt) {

	static StoredPoll of(PollRequest poll) {
		return new StoredPoll(poll.question(), poll.options(), Collections.nCopies(poll.options().size(), 0),
				poll.isMultiple(), poll.isAnonymous(), poll.closesAt());
	}

	boolean isClosed(Instant now) {
		return closesAt != null && !closesAt.isAfter(now);
	}

	PollView view(Instant now) {
		List<PollView.Option> shown = new ArrayList<>();
		for (int i = 0; i < options.size(); i++) {
			shown.add(new PollView.Option(options.get(i), i < votes.size() ? votes.get(i) : 0));
		}
		return new PollView(question, shown, multiple, anonymous, closesAt, isClosed(now), null);
	}

}
