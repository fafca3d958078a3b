package dev.groupchat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.groups.GroupKind;
import dev.groupchat.groups.PostPolicy;
import dev.groupchat.groups.Role;
import dev.groupchat.groups.Sequencer;
import dev.groupchat.groups.Sequencer.GroupState;
import dev.groupchat.groups.Sequencer.MemberRef;
import dev.groupchat.groups.Sequencer.SenderState;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The per-batch decision of the message writer, without a database: which messages take
 * which seq, which are refused and which repeat a send.
 */
class BatchDecisionTest {

	private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

	private final UUID groupId = UUID.randomUUID();

	private final Map<UUID, GroupState> groups = new HashMap<>();

	private final Map<MemberRef, SenderState> members = new HashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private BatchDecision.Decision decide(List<PendingMessage> batch, Set<MessageStore.SendKey> stored) {
		return BatchDecision.decide(batch, new Sequencer.Locked(groups, members), stored, NOW,
				() -> new UUID(0, ids.incrementAndGet()));
	}

	private void group(long lastSeq, PostPolicy policy, int slowModeSeconds, int memberCount) {
		groups.put(groupId,
				new GroupState(groupId, lastSeq, policy, slowModeSeconds, GroupKind.CHAT, memberCount, false));
	}

	private void member(String userId, Role role, Instant mutedUntil, Instant lastPostedAt) {
		members.put(new MemberRef(groupId, userId), new SenderState(role, mutedUntil, lastPostedAt));
	}

	private PendingMessage send(String senderId, String clientMsgId) {
		return send(senderId, clientMsgId, List.of());
	}

	private PendingMessage send(String senderId, String clientMsgId, List<String> mentions) {
		return new PendingMessage(senderId, groupId,
				new PostMessage(clientMsgId, MessageType.TEXT, "hi", null, null, null, mentions));
	}

	private static ProblemType problemOf(BatchDecision.Outcome outcome) {
		assertThat(outcome).isInstanceOf(BatchDecision.Refused.class);
		return ((DomainException) ((BatchDecision.Refused) outcome).problem()).problem();
	}

	@Test
	void acceptedMessagesTakeTheNextSeqsInBatchOrder() {
		group(41, PostPolicy.EVERYONE, 0, 2);
		member("alice", Role.MEMBER, null, null);
		member("bob", Role.ADMIN, null, null);
		PendingMessage a = send("alice", "a1");
		PendingMessage b = send("bob", "b1");
		PendingMessage c = send("alice", "a2");

		BatchDecision.Decision decision = decide(List.of(a, b, c), Set.of());

		assertThat(decision.outcomes()).containsExactly(Map.entry(a, new BatchDecision.Stored(42)),
				Map.entry(b, new BatchDecision.Stored(43)), Map.entry(c, new BatchDecision.Stored(44)));
		assertThat(decision.lastSeqs()).containsExactly(Map.entry(groupId, 44L));
		assertThat(decision.accepted()).extracting(MessageStore.NewMessage::seq).containsExactly(42L, 43L, 44L);
		assertThat(decision.accepted()).extracting(MessageStore.NewMessage::id).doesNotHaveDuplicates();
		assertThat(decision.posted()).containsExactly(new Sequencer.Posted(groupId, "alice", 42, NOW),
				new Sequencer.Posted(groupId, "bob", 43, NOW), new Sequencer.Posted(groupId, "alice", 44, NOW));
	}

	@Test
	void eachGroupCountsFromItsOwnLastSeq() {
		group(5, PostPolicy.EVERYONE, 0, 2);
		member("alice", Role.MEMBER, null, null);
		UUID other = UUID.randomUUID();
		groups.put(other, new GroupState(other, 100, PostPolicy.EVERYONE, 0, GroupKind.CHAT, 2, false));
		members.put(new MemberRef(other, "alice"), new SenderState(Role.MEMBER, null, null));
		PendingMessage here = send("alice", "x");
		PendingMessage there = new PendingMessage("alice", other,
				new PostMessage("y", MessageType.TEXT, "hi", null, null, null, List.of()));

		BatchDecision.Decision decision = decide(List.of(here, there), Set.of());

		assertThat(decision.outcomes()).containsEntry(here, new BatchDecision.Stored(6))
			.containsEntry(there, new BatchDecision.Stored(101));
		assertThat(decision.lastSeqs()).containsOnly(Map.entry(groupId, 6L), Map.entry(other, 101L));
	}

	@Test
	void aRepeatedSendInTheSameBatchIsADuplicateAndTakesNoSeq() {
		group(0, PostPolicy.EVERYONE, 0, 2);
		member("alice", Role.MEMBER, null, null);
		PendingMessage first = send("alice", "same");
		PendingMessage again = send("alice", "same");
		PendingMessage next = send("alice", "other");

		BatchDecision.Decision decision = decide(List.of(first, again, next), Set.of());

		assertThat(decision.outcomes()).containsExactly(Map.entry(first, new BatchDecision.Stored(1)),
				Map.entry(again, new BatchDecision.Duplicate()), Map.entry(next, new BatchDecision.Stored(2)));
		assertThat(decision.accepted()).hasSize(2);
	}

	@Test
	void aSendAlreadyStoredIsADuplicate() {
		group(7, PostPolicy.EVERYONE, 0, 2);
		member("alice", Role.MEMBER, null, null);
		PendingMessage again = send("alice", "old");

		BatchDecision.Decision decision = decide(List.of(again), Set.of(again.key()));

		assertThat(decision.outcomes()).containsExactly(Map.entry(again, new BatchDecision.Duplicate()));
		assertThat(decision.lastSeqs()).isEmpty();
		assertThat(decision.accepted()).isEmpty();
		assertThat(decision.posted()).isEmpty();
	}

	@Test
	void aSameClientMsgIdFromAnotherSenderIsNoDuplicate() {
		group(0, PostPolicy.EVERYONE, 0, 2);
		member("alice", Role.MEMBER, null, null);
		member("bob", Role.MEMBER, null, null);

		BatchDecision.Decision decision = decide(List.of(send("alice", "m"), send("bob", "m")), Set.of());

		assertThat(decision.outcomes().values()).containsExactly(new BatchDecision.Stored(1),
				new BatchDecision.Stored(2));
	}

	@Test
	void aRefusedSendTakesNoSeqAndMayBeRepeatedInTheSameBatch() {
		group(10, PostPolicy.EVERYONE, 0, 2);
		member("alice", Role.MEMBER, null, null);
		PendingMessage badMention = send("alice", "m", List.of("stranger"));
		PendingMessage fixed = send("alice", "m");

		BatchDecision.Decision decision = decide(List.of(badMention, fixed), Set.of());

		assertThat(problemOf(decision.outcomes().get(badMention))).isEqualTo(ProblemType.VALIDATION);
		assertThat(decision.outcomes().get(fixed)).isEqualTo(new BatchDecision.Stored(11));
	}

	@Test
	void aGroupThatIsGoneRefusesWithNotFound() {
		PendingMessage pending = send("alice", "m");

		BatchDecision.Decision decision = decide(List.of(pending), Set.of());

		assertThat(problemOf(decision.outcomes().get(pending))).isEqualTo(ProblemType.NOT_FOUND);
		assertThat(decision.accepted()).isEmpty();
	}

	@Test
	void aNonMemberIsRefused() {
		group(0, PostPolicy.EVERYONE, 0, 2);
		PendingMessage pending = send("stranger", "m");

		assertThat(problemOf(decide(List.of(pending), Set.of()).outcomes().get(pending)))
			.isEqualTo(ProblemType.NOT_POSTING_ALLOWED);
	}

	@Test
	void aMutedMemberIsRefusedUntilTheMuteEnds() {
		group(0, PostPolicy.EVERYONE, 0, 3);
		member("muted", Role.MEMBER, NOW.plusSeconds(60), null);
		member("was", Role.MEMBER, NOW.minusSeconds(1), null);
		PendingMessage muted = send("muted", "m");
		PendingMessage was = send("was", "m");

		BatchDecision.Decision decision = decide(List.of(muted, was), Set.of());

		assertThat(problemOf(decision.outcomes().get(muted))).isEqualTo(ProblemType.NOT_POSTING_ALLOWED);
		assertThat(((DomainException) ((BatchDecision.Refused) decision.outcomes().get(muted)).problem()).getMessage())
			.contains("muted");
		assertThat(decision.outcomes().get(was)).isEqualTo(new BatchDecision.Stored(1));
	}

	@Test
	void underAdminsPolicyOnlyModeratorsPost() {
		group(0, PostPolicy.ADMINS, 0, 3);
		member("member", Role.MEMBER, null, null);
		member("admin", Role.ADMIN, null, null);
		member("owner", Role.OWNER, null, null);
		PendingMessage member = send("member", "m");
		PendingMessage admin = send("admin", "m");
		PendingMessage owner = send("owner", "m");

		BatchDecision.Decision decision = decide(List.of(member, admin, owner), Set.of());

		assertThat(problemOf(decision.outcomes().get(member))).isEqualTo(ProblemType.NOT_POSTING_ALLOWED);
		assertThat(decision.outcomes().get(admin)).isEqualTo(new BatchDecision.Stored(1));
		assertThat(decision.outcomes().get(owner)).isEqualTo(new BatchDecision.Stored(2));
	}

	@Test
	void slowModeCountsFromTheLastPostStoredOrEarlierInTheBatch() {
		group(0, PostPolicy.EVERYONE, 30, 3);
		member("recent", Role.MEMBER, null, NOW.minusSeconds(10));
		member("fresh", Role.MEMBER, null, NOW.minusSeconds(31));
		member("admin", Role.ADMIN, null, NOW.minusSeconds(1));
		PendingMessage recent = send("recent", "m");
		PendingMessage fresh = send("fresh", "m1");
		PendingMessage freshAgain = send("fresh", "m2");
		PendingMessage admin = send("admin", "m");

		BatchDecision.Decision decision = decide(List.of(recent, fresh, freshAgain, admin), Set.of());

		assertThat(problemOf(decision.outcomes().get(recent))).isEqualTo(ProblemType.RATE_LIMITED);
		assertThat(((DomainException) ((BatchDecision.Refused) decision.outcomes().get(recent)).problem()).properties())
			.containsEntry("retryAfterSeconds", 20L);
		assertThat(decision.outcomes().get(fresh)).isEqualTo(new BatchDecision.Stored(1));
		assertThat(problemOf(decision.outcomes().get(freshAgain))).isEqualTo(ProblemType.RATE_LIMITED);
		assertThat(decision.outcomes().get(admin)).isEqualTo(new BatchDecision.Stored(2));
	}

	@Test
	void mentionsMustBeMembersAndAllNeedsAModeratorInLargeGroups() {
		group(0, PostPolicy.EVERYONE, 0, PostingPolicy.ALL_FREE_UP_TO + 1);
		member("alice", Role.MEMBER, null, null);
		member("bob", Role.MEMBER, null, null);
		member("admin", Role.ADMIN, null, null);
		PendingMessage mentionsBob = send("alice", "m1", List.of("bob"));
		PendingMessage mentionsAll = send("alice", "m2", List.of(PostingPolicy.ALL));
		PendingMessage adminAll = send("admin", "m3", List.of(PostingPolicy.ALL));

		BatchDecision.Decision decision = decide(List.of(mentionsBob, mentionsAll, adminAll), Set.of());

		assertThat(decision.outcomes().get(mentionsBob)).isEqualTo(new BatchDecision.Stored(1));
		assertThat(problemOf(decision.outcomes().get(mentionsAll))).isEqualTo(ProblemType.NOT_POSTING_ALLOWED);
		assertThat(decision.outcomes().get(adminAll)).isEqualTo(new BatchDecision.Stored(2));
	}

	@Test
	void aReplyMustNameAnEarlierSeq() {
		group(3, PostPolicy.EVERYONE, 0, 2);
		member("alice", Role.MEMBER, null, null);
		PendingMessage toFuture = new PendingMessage("alice", groupId,
				new PostMessage("r1", MessageType.TEXT, "hi", null, null, 4L, List.of()));
		PendingMessage toEarlier = new PendingMessage("alice", groupId,
				new PostMessage("r2", MessageType.TEXT, "hi", null, null, 3L, List.of()));

		BatchDecision.Decision decision = decide(List.of(toFuture, toEarlier), Set.of());

		assertThat(problemOf(decision.outcomes().get(toFuture))).isEqualTo(ProblemType.VALIDATION);
		assertThat(decision.outcomes().get(toEarlier)).isEqualTo(new BatchDecision.Stored(4));
	}

	@Test
	void theLockRequestNamesGroupsSendersAndMentions() {
		UUID other = UUID.randomUUID();
		PendingMessage here = send("alice", "m", List.of("bob"));
		PendingMessage there = new PendingMessage("carol", other,
				new PostMessage("n", MessageType.TEXT, "hi", null, null, null, List.of()));

		BatchDecision.LockRequest lock = BatchDecision.lockRequest(List.of(here, there));

		assertThat(lock.groupIds()).containsExactly(groupId, other);
		assertThat(lock.refs()).containsExactly(new MemberRef(groupId, "alice"), new MemberRef(groupId, "bob"),
				new MemberRef(other, "carol"));
	}

}
