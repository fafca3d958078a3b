package dev.groupchat.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How the senders of a batch are answered, without a database. */
class PostAnswersTest {

	private final UUID groupId = UUID.randomUUID();

	private PendingMessage send(String clientMsgId) {
		return new PendingMessage("alice", groupId,
				new PostMessage(clientMsgId, MessageType.TEXT, "hi", null, null, null, List.of()));
	}

	private MessageView row(long seq, String clientMsgId) {
		return new MessageView(UUID.randomUUID(), groupId, seq, "alice", clientMsgId, MessageType.TEXT, "hi", null,
				null, null, List.of(), Map.of(), Instant.EPOCH, null, false, null, null, false, Map.of());
	}

	@Test
	void storedAnswerTheirRowDuplicatesTheOriginalRefusalsTheirProblem() {
		PendingMessage stored = send("a");
		PendingMessage duplicate = send("b");
		PendingMessage refused = send("c");
		MessageView storedRow = row(8, "a");
		MessageView originalRow = row(3, "b");
		DomainException problem = DomainException.invalid("no");
		Map<PendingMessage, BatchDecision.Outcome> outcomes = new LinkedHashMap<>();
		outcomes.put(stored, new BatchDecision.Stored(8));
		outcomes.put(duplicate, new BatchDecision.Duplicate());
		outcomes.put(refused, new BatchDecision.Refused(problem));

		PostAnswers.complete(outcomes, List.of(row(7, "x"), storedRow), pending -> originalRow);

		assertThat(stored.result().join()).isEqualTo(new Messaging.Posted(storedRow, true));
		assertThat(duplicate.result().join()).isEqualTo(new Messaging.Posted(originalRow, false));
		assertThat(refused.result().exceptionNow()).isSameAs(problem);
	}

	@Test
	void aDuplicateWhoseOriginalCannotBeReadFailsAlone() {
		PendingMessage duplicate = send("b");
		IllegalStateException failure = new IllegalStateException("gone");

		PostAnswers.complete(Map.of(duplicate, new BatchDecision.Duplicate()), List.of(), pending -> {
			throw failure;
		});

		assertThat(duplicate.result().exceptionNow()).isSameAs(failure);
	}

	@Test
	void failAllGivesEachSendItsOwnProblem() {
		PendingMessage a = send("a");
		PendingMessage b = send("b");

		PostAnswers.failAll(List.of(a, b), MessagingProblems::restarting);

		assertThat(a.result().exceptionNow()).isInstanceOf(DomainException.class)
			.isNotSameAs(b.result().exceptionNow());
	}

	@Test
	void awaitAnswersTheResultOrTheRefusal() {
		PendingMessage stored = send("a");
		MessageView row = row(1, "a");
		stored.result().complete(new Messaging.Posted(row, true));
		PendingMessage refused = send("b");
		refused.result().completeExceptionally(MessagingProblems.busy());

		assertThat(PostAnswers.await(stored.result(), Duration.ofSeconds(1), () -> {
		})).isEqualTo(new Messaging.Posted(row, true));
		assertThatThrownBy(() -> PostAnswers.await(refused.result(), Duration.ofSeconds(1), () -> {
		})).isInstanceOf(DomainException.class)
			.extracting(ex -> ((DomainException) ex).problem())
			.isEqualTo(ProblemType.RATE_LIMITED);
	}

	@Test
	void noAnswerInTimeIsRetryAndTellsTheCaller() {
		PendingMessage waiting = send("a");
		AtomicInteger timeouts = new AtomicInteger();

		assertThatThrownBy(() -> PostAnswers.await(waiting.result(), Duration.ofMillis(20), timeouts::incrementAndGet))
			.isInstanceOf(DomainException.class)
			.extracting(ex -> ((DomainException) ex).problem())
			.isEqualTo(ProblemType.UNAVAILABLE);
		assertThat(timeouts).hasValue(1);
		assertThat(waiting.result().isCompletedExceptionally()).isTrue();
	}

	@Test
	void aDatabaseFailureIsAnsweredAsUnavailable() {
		RuntimeException answer = PostAnswers
			.answer(new RuntimeException(new SQLTransientConnectionException("connection refused")));

		assertThat(answer).isInstanceOf(DomainException.class);
		assertThat(((DomainException) answer).problem()).isEqualTo(ProblemType.UNAVAILABLE);
	}

}
