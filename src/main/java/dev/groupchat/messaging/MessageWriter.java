package dev.groupchat.messaging;

import dev.groupchat.groups.PostingRights;
import dev.groupchat.groups.Sequencer;
import dev.groupchat.groups.Sequencer.GroupState;
import dev.groupchat.groups.Sequencer.MemberRef;
import dev.groupchat.groups.Sequencer.SenderState;
import dev.groupchat.shared.DatabaseUnavailable;
import dev.groupchat.shared.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.hibernate.id.uuid.UuidVersion7Strategy;
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
 */
@Component
class MessageWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

	/** A message waiting to be stored. */
	record Pending(String senderId, UUID groupId, PostMessage message, CompletableFuture<Messaging.Posted> result) {

		MessageStore.SendKey key() {
			return new MessageStore.SendKey(groupId, senderId, message.clientMsgId());
		}

	}

	private sealed interface Outcome {

	}

	private record Stored(long seq) implements Outcome {
	}

	private record Duplicate() implements Outcome {
	}

	private record Refused(RuntimeException problem) implements Outcome {
	}

	private final Sequencer sequencer;

	private final MessageStore store;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final MessagingProperties properties;

	private final List<BlockingQueue<Pending>> queues = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private final StoreCircuit circuit;

	private final AtomicInteger batchesInFlight = new AtomicInteger();

	private volatile boolean running;

	private volatile boolean accepting = true;

	private final MessagingMetrics metrics;

	MessageWriter(Sequencer sequencer, MessageStore store, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock, MessagingProperties properties,
			StoreCircuit circuit, MessagingMetrics metrics) {
		this.circuit = circuit;
		this.metrics = metrics;
		this.sequencer = sequencer;
		this.store = store;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.properties = properties;
		for (int i = 0; i < properties.writers(); i++) {
			queues.add(new LinkedBlockingQueue<>(properties.queueCapacity()));
		}
		metrics.watchQueue(() -> queues.stream().mapToInt(BlockingQueue::size).sum());
	}

	/**
	 * Stores a message through its group's writer and waits for the answer, at most
	 * {@code sendTimeout}: past that the send is answered 503 "retry" (and dropped if it
	 * is still queued).
	 */
	Messaging.Posted post(String senderId, UUID groupId, PostMessage message) {
		CompletableFuture<Messaging.Posted> result = submit(senderId, groupId, message);
		try {
			return result.get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			if (result.completeExceptionally(DatabaseUnavailable.problem())) {
				circuit.trip("no answer to a send within " + properties.sendTimeout().toMillis() + " ms");
			}
			if (result.state() == Future.State.SUCCESS) {
				return result.resultNow();
			}
			throw answer(result.exceptionNow());
		}
		catch (ExecutionException ex) {
			throw answer(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw DatabaseUnavailable.problem();
		}
	}

	private static RuntimeException answer(Throwable failure) {
		if (failure instanceof DomainException domain) {
			return domain;
		}
		if (DatabaseUnavailable.isCause(failure)) {
			return DatabaseUnavailable.problem();
		}
		return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
	}

	/**
	 * Queues a message for its group's writer; answers when it is stored, refused or
	 * found stored.
	 */
	CompletableFuture<Messaging.Posted> submit(String senderId, UUID groupId, PostMessage message) {
		if (!accepting) {
			throw MessagingProblems.restarting();
		}
		if (circuit.isOpen()) {
			throw DatabaseUnavailable.problem();
		}
		Pending pending = new Pending(senderId, groupId, message, new CompletableFuture<>());
		BlockingQueue<Pending> queue = queues.get(Math.floorMod(groupId.hashCode(), queues.size()));
		try {
			if (!queue.offer(pending, properties.enqueueTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				throw MessagingProblems.busy();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while queueing a message", ex);
		}
		return pending.result();
	}

	private void work(BlockingQueue<Pending> queue) {
		List<Pending> batch = new ArrayList<>(properties.maxBatch());
		while (running || !queue.isEmpty()) {
			try {
				Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, properties.maxBatch() - 1);
				metrics.batch(batch.size());
				batchesInFlight.incrementAndGet();
				try {
					write(batch);
				}
				finally {
					batchesInFlight.decrementAndGet();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				metrics.batchFailed();
				log.error("Message writer failed on a batch of {}", batch.size(), ex);
			}
			finally {
				batch.clear();
			}
		}
	}

	/**
	 * Writes a batch. If the database does not answer, every send of the batch is
	 * answered "retry" at once; if the batch fails otherwise (one message's data), each
	 * message is tried alone so that one cannot sink the rest.
	 */
	private void write(List<Pending> all) {
		List<Pending> batch = all.stream().filter(pending -> !pending.result().isDone()).toList();
		if (batch.isEmpty()) {
			return;
		}
		if (circuit.isOpen()) {
			batch.forEach(pending -> pending.result().completeExceptionally(DatabaseUnavailable.problem()));
			return;
		}
		List<MessageView> stored;
		Map<Pending, Outcome> outcomes = new LinkedHashMap<>();
		try {
			stored = transactions.execute(tx -> store(batch, outcomes));
		}
		catch (RuntimeException ex) {
			failed(batch, ex);
			return;
		}
		Map<GroupSeq, MessageView> bySeq = new HashMap<>();
		stored.forEach(m -> bySeq.put(new GroupSeq(m.groupId(), m.seq()), m));
		stored.stream().sorted(Comparator.comparingLong(MessageView::seq)).forEach(message -> {
			metrics.stored(message.type());
			events.publishEvent(new MessagePosted(message));
		});
		outcomes.forEach((pending, outcome) -> complete(pending, outcome, bySeq));
	}

	private void failed(List<Pending> batch, RuntimeException ex) {
		if (batch.size() > 1) {
			metrics.batchFailed();
		}
		if (DatabaseUnavailable.isCause(ex)) {
			circuit.trip(ex.getClass().getSimpleName());
			batch.forEach(pending -> pending.result().completeExceptionally(DatabaseUnavailable.problem()));
		}
		else if (batch.size() == 1) {
			batch.getFirst().result().completeExceptionally(ex);
		}
		else {
			log.warn("A batch of {} messages failed ({}); writing them one by one", batch.size(), ex.toString());
			batch.forEach(pending -> write(List.of(pending)));
		}
	}

	private void complete(Pending pending, Outcome outcome, Map<GroupSeq, MessageView> bySeq) {
		switch (outcome) {
			case Stored s -> pending.result()
				.complete(new Messaging.Posted(bySeq.get(new GroupSeq(pending.groupId(), s.seq())), true));
			case Refused r -> pending.result().completeExceptionally(r.problem());
			case Duplicate d -> {
				try {
					pending.result()
						.complete(new Messaging.Posted(store
							.findByClientMsgId(pending.groupId(), pending.senderId(), pending.message().clientMsgId())
							.orElseThrow(), false));
				}
				catch (RuntimeException ex) {
					pending.result().completeExceptionally(ex);
				}
			}
		}
	}

	private record GroupSeq(UUID groupId, long seq) {
	}

	private List<MessageView> store(List<Pending> batch, Map<Pending, Outcome> outcomes) {
		Instant now = clock.instant();
		Set<UUID> groupIds = new LinkedHashSet<>();
		Set<MemberRef> refs = new LinkedHashSet<>();
		for (Pending pending : batch) {
			groupIds.add(pending.groupId());
			refs.add(new MemberRef(pending.groupId(), pending.senderId()));
			pending.message().mentions().forEach(m -> refs.add(new MemberRef(pending.groupId(), m)));
		}
		Sequencer.Locked locked = sequencer.lockForPosting(groupIds, refs);
		Map<UUID, GroupState> groups = locked.groups();
		Map<MemberRef, SenderState> members = locked.members();
		Set<MessageStore.SendKey> seen = store.existing(batch.stream().map(Pending::key).toList());
		Map<UUID, Long> lastSeqs = new HashMap<>();
		Map<MemberRef, Instant> postedAt = new HashMap<>();
		List<MessageStore.NewMessage> accepted = new ArrayList<>();
		List<Sequencer.Posted> posted = new ArrayList<>();
		for (Pending pending : batch) {
			MemberRef sender = new MemberRef(pending.groupId(), pending.senderId());
			GroupState group = groups.get(pending.groupId());
			if (!seen.add(pending.key())) {
				outcomes.put(pending, new Duplicate());
				continue;
			}
			if (group == null) {
				outcomes.put(pending, new Refused(DomainException.notFound("group", pending.groupId())));
				seen.remove(pending.key());
				continue;
			}
			long seq = lastSeqs.getOrDefault(group.groupId(), group.lastSeq()) + 1;
			SenderState state = members.get(sender);
			Instant previous = postedAt.getOrDefault(sender, state == null ? null : state.lastPostedAt());
			try {
				PostingPolicy.check(PostingRights.of(group, state, seq, previous), pending.message(),
						mentioned(pending, members), now);
			}
			catch (DomainException ex) {
				outcomes.put(pending, new Refused(ex));
				seen.remove(pending.key());
				continue;
			}
			lastSeqs.put(group.groupId(), seq);
			postedAt.put(sender, now);
			posted.add(new Sequencer.Posted(group.groupId(), pending.senderId(), seq, now));
			accepted.add(new MessageStore.NewMessage(UuidVersion7Strategy.INSTANCE.generateUuid(null), group.groupId(),
					seq, pending.senderId(), pending.message(), null));
			outcomes.put(pending, new Stored(seq));
		}
		sequencer.advance(lastSeqs, posted);
		return store.insertAll(accepted, now);
	}

	private static Set<String> mentioned(Pending pending, Map<MemberRef, SenderState> members) {
		Set<String> found = new HashSet<>();
		for (String mention : pending.message().mentions()) {
			if (members.containsKey(new MemberRef(pending.groupId(), mention))) {
				found.add(mention);
			}
		}
		return found;
	}

	@Override
	public void start() {
		running = true;
		accepting = true;
		for (int i = 0; i < queues.size(); i++) {
			BlockingQueue<Pending> queue = queues.get(i);
			threads.add(Thread.ofPlatform().name("message-writer-" + i).daemon().start(() -> work(queue)));
		}
	}

	/**
	 * Stops taking new messages (they are answered 503 "retry") and waits, at most
	 * {@code timeout}, until every queued one is written and answered. Answers whether
	 * all were.
	 */
	boolean drain(Duration timeout) {
		accepting = false;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (queues.stream().anyMatch(queue -> !queue.isEmpty()) || batchesInFlight.get() > 0) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(5_000_000);
		}
		return true;
	}

	@Override
	public void stop() {
		accepting = false;
		running = false;
		for (Thread thread : threads) {
			try {
				thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		threads.clear();
		for (BlockingQueue<Pending> queue : queues) {
			for (Pending left; (left = queue.poll()) != null;) {
				left.result().completeExceptionally(MessagingProblems.restarting());
			}
		}
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
		return running;
	}

}
