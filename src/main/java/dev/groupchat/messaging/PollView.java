package dev.groupchat.messaging;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A poll as clients see it, inside its message's JSON: the question, each option with its
 * vote count, the rules, whether it is closed (its {@code closesAt} has passed), and the
 * reader's own choices ({@code myVotes}: option indexes; null where the server does not
 * answer one reader, as in live events, the group list and pins).
 */
public record PollView(String question, List<Option> options, boolean multiple, boolean anonymous,
		@Nullable Instant closesAt, boolean closed, @Nullable List<Integer> myVotes) {

	public PollView {
		options = List.copyOf(options);
		myVotes = myVotes == null ? null : List.copyOf(myVotes);
	}

	/** The same poll as one reader sees it. */
	PollView withMyVotes(List<Integer> votes) {
		return new PollView(question, options, multiple, anonymous, closesAt, closed, votes);
	}

	/** One option and how many voted for it. */
	public record Option(String text, int votes) {
	}

}
