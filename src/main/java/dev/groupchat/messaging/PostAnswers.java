package dev.groupchat.messaging;

import dev.groupchat.shared.DatabaseUnavailable;
import dev.groupchat.shared.DomainException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Completes the futures the senders of a {@link MessageWriter} batch wait on, and waits
 * on one for its sender: stored messages answer their row, duplicates the original,
 * refusals their problem.
 */
final class PostAnswers {

	private PostAnswers() {
	}

	/**
	 * Answers each message of a decided batch: {@code stored} are the rows inserted,
	 * {@code original} finds the stored original of a duplicate.
	 */
	static void complete(Map<PendingMessage, BatchDecision.Outcome> outcomes, List<MessageView> stored,
			Function<PendingMessage, MessageView> original) {
		Map<GroupSeq, MessageView> bySeq = new HashMap<>();
		stored.forEach(m -> bySeq.put(new GroupSeq(m.groupId(), m.seq()), m));
		outcomes.forEach((pending, outcome) -> complete(pending, outcome, bySeq, original));
	}

	private static void complete(PendingMessage pending, BatchDecision.Outcome outcome,
			Map<GroupSeq, MessageView> bySeq, Function<PendingMessage, MessageView> original) {
		switch (outcome) {
			case BatchDecision.Stored s -> pending.result()
				.complete(new Messaging.Posted(
						Objects.requireNonNull(bySeq.get(new GroupSeq(pending.groupId(), s.seq())), "stored row"),
						true));
			case BatchDecision.Refused r -> pending.result().completeExceptionally(r.problem());
			case BatchDecision.Duplicate d -> {
				try {
					pending.result().complete(new Messaging.Posted(original.apply(pending), false));
				}
				catch (RuntimeException ex) {
					pending.result().completeExceptionally(ex);
				}
			}
		}
	}

	/** Answers every message not yet answered with a new {@code problem}. */
	static void failAll(Collection<PendingMessage> batch, Supplier<? extends RuntimeException> problem) {
		batch.forEach(pending -> pending.result().completeExceptionally(problem.get()));
	}

	/**
	 * Waits for the answer at most {@code timeout}; past that the send is answered 503
	 * "retry", and {@code onTimeout} runs if that answer was the one given.
	 */
	static Messaging.Posted await(CompletableFuture<Messaging.Posted> result, Duration timeout, Runnable onTimeout) {
		try {
			return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			if (result.completeExceptionally(DatabaseUnavailable.problem())) {
				onTimeout.run();
			}
			if (result.state() == Future.State.SUCCESS) {
				return result.resultNow();
			}
			throw answer(result.exceptionNow());
		}
		catch (ExecutionException ex) {
			throw answer(ex.getCause() != null ? ex.getCause() : ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw DatabaseUnavailable.problem();
		}
	}

	/** The problem a sender is given for a failure: domain problems as they are. */
	static RuntimeException answer(Throwable failure) {
		if (failure instanceof DomainException domain) {
			return domain;
		}
		if (DatabaseUnavailable.isCause(failure)) {
			return DatabaseUnavailable.problem();
		}
		return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
	}

	private record GroupSeq(UUID groupId, long seq) {
	}

}
