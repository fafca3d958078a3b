package dev.groupchat.messaging;

import dev.groupchat.groups.PostingRights;
import dev.groupchat.groups.Sequencer;
import dev.groupchat.groups.Sequencer.GroupState;
import dev.groupchat.groups.Sequencer.MemberRef;
import dev.groupchat.groups.Sequencer.SenderState;
import dev.groupchat.shared.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a batch of the {@link MessageWriter} does, decided without touching anything:
 * given the locked groups' state, the senders' standing and the sends already stored,
 * which pending messages are stored with which seq, which are refused with which problem,
 * and which repeat a send (stored before or earlier in the same batch). Seqs follow each
 * group's last seq in batch order; a refused message takes no seq, and a refused send may
 * be repeated later in the same batch.
 */
final class BatchDecision {

	private BatchDecision() {
	}

	/** What becomes of one pending message. */
	sealed interface Outcome {

	}

	/** Stored with {@code seq}. */
	record Stored(long seq) implements Outcome {
	}

	/** A repeated send: answered with the original, takes no seq. */
	record Duplicate() implements Outcome {
	}

	/** Refused alone, with {@code problem}. */
	record Refused(RuntimeException problem) implements Outcome {
	}

	/** The rows and the state to lock for a batch: its groups, senders and mentions. */
	record LockRequest(Set<UUID> groupIds, Set<MemberRef> refs) {
	}

	/**
	 * The decision: each pending message's outcome (in batch order), the groups' new last
	 * seqs, the senders' posts and the rows to insert.
	 */
	record Decision(Map<PendingMessage, Outcome> outcomes, Map<UUID, Long> lastSeqs, List<Sequencer.Posted> posted,
			List<MessageStore.NewMessage> accepted) {
	}

	/** The groups and members a batch needs locked and read. */
	static LockRequest lockRequest(Collection<PendingMessage> batch) {
		Set<UUID> groupIds = new LinkedHashSet<>();
		Set<MemberRef> refs = new LinkedHashSet<>();
		for (PendingMessage pending : batch) {
			groupIds.add(pending.groupId());
			refs.add(new MemberRef(pending.groupId(), pending.senderId()));
			pending.message().mentions().forEach(m -> refs.add(new MemberRef(pending.groupId(), m)));
		}
		return new LockRequest(groupIds, refs);
	}

	/**
	 * Decides the batch. {@code locked} holds the live groups and the standing of the
	 * members among the senders and mentions; {@code stored} the sends already stored;
	 * {@code ids} gives each accepted message its id.
	 */
	static Decision decide(List<PendingMessage> batch, Sequencer.Locked locked, Set<MessageStore.SendKey> stored,
			Instant now, Supplier<UUID> ids) {
		Set<MessageStore.SendKey> seen = new HashSet<>(stored);
		Map<PendingMessage, Outcome> outcomes = new LinkedHashMap<>();
		Map<UUID, Long> lastSeqs = new HashMap<>();
		Map<MemberRef, Instant> postedAt = new HashMap<>();
		List<MessageStore.NewMessage> accepted = new ArrayList<>();
		List<Sequencer.Posted> posted = new ArrayList<>();
		for (PendingMessage pending : batch) {
			MemberRef sender = new MemberRef(pending.groupId(), pending.senderId());
			GroupState group = locked.groups().get(pending.groupId());
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
			SenderState state = locked.members().get(sender);
			Instant previous = postedAt.getOrDefault(sender, state == null ? null : state.lastPostedAt());
			try {
				PostingPolicy.check(PostingRights.of(group, state, seq, previous), pending.message(),
						mentioned(pending, locked.members()), now);
			}
			catch (DomainException ex) {
				outcomes.put(pending, new Refused(ex));
				seen.remove(pending.key());
				continue;
			}
			lastSeqs.put(group.groupId(), seq);
			postedAt.put(sender, now);
			posted.add(new Sequencer.Posted(group.groupId(), pending.senderId(), seq, now));
			accepted.add(new MessageStore.NewMessage(ids.get(), group.groupId(), seq, pending.senderId(),
					pending.message(), null));
			outcomes.put(pending, new Stored(seq));
		}
		return new Decision(outcomes, lastSeqs, posted, accepted);
	}

	private static Set<String> mentioned(PendingMessage pending, Map<MemberRef, SenderState> members) {
		Set<String> found = new HashSet<>();
		for (String mention : pending.message().mentions()) {
			if (members.containsKey(new MemberRef(pending.groupId(), mention))) {
				found.add(mention);
			}
		}
		return found;
	}

}
