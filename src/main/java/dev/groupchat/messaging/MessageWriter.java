package dev.groupchat.messaging;

import dev.groupchat.groups.Sequencer;
import dev.groupchat.shared.DatabaseUnavailable;
import dev.groupchat.shared.Ids;
import dev.groupchat.shared.SendPressure;
import dev.groupchat.shared.Traces;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores messages in batches, one transaction and one commit (one WAL flush) per batch:
 * group commit in the application, with every acknowledged message durable. Each writer
 * thread owns the groups that hash to it, takes whatever its queue holds (up to
 * {@code maxBatch}), and in one transaction locks those groups, checks each message
 * against the rules, gives the accepted ones their seqs and inserts them in one
 * statement. A message that breaks a rule is refused alone; the others of its batch are
 * unaffected. A repeated (group, sender, clientMsgId), already stored or earlier in the
 * same batch, takes no seq and answers the original. The queues are bounded: when a
 * writer falls behind, senders are told to retry.
 * <p>
 * A batch that fails because the database does not answer is not retried message by
 * message: its sends are answered 503 "retry" at once and the {@link StoreCircuit}
 * refuses new ones until the database is back. A sender waits at most {@code sendTimeout}
 * for its answer. On shutdown ({@link #drain}) new sends are refused with 503 "retry" and
 * those queued are written and answered.
 * <p>
 * The pieces: {@link WriterQueues} (queues and threads), {@link BatchDecision} (what a
 * batch stores, refuses and answers as a duplicate, decided without side effects) and
 * {@link PostAnswers} (completing the senders' futures); this class runs a batch's
 * transaction between them.
 */
@Component
class MessageWriter implements SmartLifecycle, SendPressure {

	private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

	private final Sequencer sequencer;

	private final MessageStore store;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final MessagingProperties properties;

	private final WriterQueues queues;

	private final StoreCircuit circuit;

	private final MessagingMetrics metrics;

	private final Traces traces;

	MessageWriter(Sequencer sequencer, MessageStore store, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock, MessagingProperties properties,
			StoreCircuit circuit, MessagingMetrics metrics, Traces traces) {
		this.traces = traces;
		this.circuit = circuit;
		this.metrics = metrics;
		this.sequencer = sequencer;
		this.store = store;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.properties = properties;
		this.queues = new WriterQueues(properties.writers(), properties.queueCapacity(), properties.maxBatch(),
				this::handle);
		metrics.watchQueue(queues::depth);
	}

	/**
	 * Stores a message through its group's writer and waits for the answer, at most
	 * {@code sendTimeout}: past that the send is answered 503 "retry" (and dropped if it
	 * is still queued).
	 */
	Messaging.Posted post(String senderId, UUID groupId, PostMessage message) {
		return PostAnswers.await(submit(senderId, groupId, message), properties.sendTimeout(),
				() -> circuit.trip("no answer to a send within " + properties.sendTimeout().toMillis() + " ms"));
	}

	/**
	 * Whether sends wait for their answer: a batch is being stored or messages are queued
	 * (background work then gives way).
	 */
	@Override
	public boolean sendsWaiting() {
		return queues.busy();
	}

	/**
	 * Queues a message for its group's writer; answers when it is stored, refused or
	 * found stored.
	 */
	CompletableFuture<Messaging.Posted> submit(String senderId, UUID groupId, PostMessage message) {
		if (!queues.isAccepting()) {
			throw MessagingProblems.restarting();
		}
		if (circuit.isOpen()) {
			throw DatabaseUnavailable.problem();
		}
		PendingMessage pending = new PendingMessage(senderId, groupId, message, traces.current());
		try {
			if (!queues.offer(pending, properties.enqueueTimeout())) {
				throw MessagingProblems.busy();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while queueing a message", ex);
		}
		return pending.result();
	}

	/**
	 * Handles a batch, inside a {@code groupchat.writer.batch} span when one of its sends
	 * was traced: a child of the first traced send's context, linked to the others (tags:
	 * batch size, traced sends). The fan-out of what it stores continues that span.
	 */
	private void handle(List<PendingMessage> batch) {
		Span span = batchSpan(batch);
		if (span == null) {
			writeCounted(batch);
		}
		else {
			traces.inSpan(span, () -> writeCounted(batch));
		}
	}

	private @Nullable Span batchSpan(List<PendingMessage> batch) {
		TraceContext parent = null;
		List<TraceContext> links = List.of();
		for (int i = 0; i < batch.size(); i++) {
			TraceContext trace = batch.get(i).trace();
			if (trace == null) {
				continue;
			}
			if (parent == null) {
				parent = trace;
				links = new ArrayList<>();
			}
			else {
				links.add(trace);
			}
		}
		if (parent == null) {
			return null;
		}
		return traces.startChild("groupchat.writer.batch", parent, links)
			.tag("groupchat.batch.size", batch.size())
			.tag("groupchat.batch.traced", links.size() + 1);
	}

	private void writeCounted(List<PendingMessage> batch) {
		metrics.batch(batch.size());
		try {
			write(batch);
		}
		catch (RuntimeException ex) {
			metrics.batchFailed();
			throw ex;
		}
	}

	/**
	 * Writes a batch. If the database does not answer, every send of the batch is
	 * answered "retry" at once; if the batch fails otherwise (one message's data), each
	 * message is tried alone so that one cannot sink the rest.
	 */
	private void write(List<PendingMessage> all) {
		List<PendingMessage> batch = all.stream().filter(pending -> !pending.result().isDone()).toList();
		if (batch.isEmpty()) {
			return;
		}
		if (circuit.isOpen()) {
			PostAnswers.failAll(batch, DatabaseUnavailable::problem);
			return;
		}
		Written written;
		try {
			written = transactions.execute(tx -> store(batch));
		}
		catch (RuntimeException ex) {
			failed(batch, ex);
			return;
		}
		written.stored().stream().sorted(Comparator.comparingLong(MessageView::seq)).forEach(message -> {
			metrics.stored(message.type());
			events.publishEvent(new MessagePosted(message));
		});
		PostAnswers.complete(written.decision().outcomes(), written.stored(), this::original);
	}

	private void failed(List<PendingMessage> batch, RuntimeException ex) {
		if (batch.size() > 1) {
			metrics.batchFailed();
		}
		if (DatabaseUnavailable.isCause(ex)) {
			circuit.trip(ex.getClass().getSimpleName());
			PostAnswers.failAll(batch, DatabaseUnavailable::problem);
		}
		else if (batch.size() == 1) {
			batch.getFirst().result().completeExceptionally(ex);
		}
		else {
			log.warn("A batch of {} messages failed ({}); writing them one by one", batch.size(), ex.toString());
			batch.forEach(pending -> write(List.of(pending)));
		}
	}

	private MessageView original(PendingMessage pending) {
		return store.findByClientMsgId(pending.groupId(), pending.senderId(), pending.message().clientMsgId())
			.orElseThrow();
	}

	/** A batch's decision and the rows it inserted. */
	private record Written(BatchDecision.Decision decision, List<MessageView> stored) {
	}

	/** Locks the batch's groups, decides it and stores what it accepts. */
	private Written store(List<PendingMessage> batch) {
		Instant now = clock.instant();
		BatchDecision.LockRequest lock = BatchDecision.lockRequest(batch);
		Sequencer.Locked locked = sequencer.lockForPosting(lock.groupIds(), lock.refs());
		Set<MessageStore.SendKey> existing = store.existing(batch.stream().map(PendingMessage::key).toList());
		BatchDecision.Decision decision = BatchDecision.decide(batch, locked, existing, now, Ids::next);
		sequencer.advance(decision.lastSeqs(), decision.posted());
		return new Written(decision, store.insertAll(decision.accepted(), now));
	}

	@Override
	public void start() {
		queues.start();
	}

	/**
	 * Stops taking new messages (they are answered 503 "retry") and waits, at most
	 * {@code timeout}, until every queued one is written and answered. Answers whether
	 * all were.
	 */
	boolean drain(Duration timeout) {
		return queues.drain(timeout);
	}

	@Override
	public void stop() {
		queues.stop(left -> left.result().completeExceptionally(MessagingProblems.restarting()));
	}

	/**
	 * Starts before the web server and stops after it, so queued messages are written on
	 * shutdown.
	 */
	@Override
	public int getPhase() {
		return 0;
	}

	@Override
	public boolean isRunning() {
		return queues.isRunning();
	}

}
