package dev.groupchat.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groupchat.groups.GroupKind;
import dev.groupchat.groups.PostPolicy;
import dev.groupchat.groups.PostingRights;
import dev.groupchat.groups.Role;
import dev.groupchat.shared.DomainException;
import dev.groupchat.shared.ProblemType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link PostingPolicy#check} on its own, at its boundary, without a Spring
 * context.
 */
class PostingPolicyTest {

	private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	private static final long SEQ = 10;

	@Test
	void onlyMembersPost() {
		assertRefused(rights(null), text(), ProblemType.NOT_POSTING_ALLOWED);
		assertPasses(rights(Role.MEMBER), text());
	}

	@Test
	void aMuteHoldsUntilItsInstantAndNotAtIt() {
		assertRefused(muted(NOW.plusMillis(1)), text(), ProblemType.NOT_POSTING_ALLOWED);
		assertPasses(muted(NOW), text());
	}

	@Test
	void underAdminsOnlyTheOwnerAndAdminsPost() {
		assertRefused(policy(Role.MEMBER, PostPolicy.ADMINS), text(), ProblemType.NOT_POSTING_ALLOWED);
		assertPasses(policy(Role.ADMIN, PostPolicy.ADMINS), text());
		assertPasses(policy(Role.OWNER, PostPolicy.ADMINS), text());
	}

	@Test
	void slowModeWaitsTheWholeIntervalSinceTheLastPostExceptForModerators() {
		Instant previous = NOW.minusSeconds(30);
		assertThatThrownBy(() -> check(slow(Role.MEMBER, 31, previous), text()))
			.isInstanceOfSatisfying(DomainException.class, ex -> {
				assertThat(ex.problem()).isEqualTo(ProblemType.RATE_LIMITED);
				assertThat(ex.properties()).containsEntry("retryAfterSeconds", 1L);
			});
		assertPasses(slow(Role.MEMBER, 30, previous), text());
		assertPasses(slow(Role.ADMIN, 31, previous), text());
	}

	@Test
	void mentioningAllIsFreeUpToFiftyMembersAndAModeratorsRightAbove() {
		PostMessage all = mentioning(PostingPolicy.ALL);
		assertPasses(members(Role.MEMBER, PostingPolicy.ALL_FREE_UP_TO), all);
		assertRefused(members(Role.MEMBER, PostingPolicy.ALL_FREE_UP_TO + 1), all, ProblemType.NOT_POSTING_ALLOWED);
		assertPasses(members(Role.ADMIN, PostingPolicy.ALL_FREE_UP_TO + 1), all);
	}

	@Test
	void aReplyNamesAnEarlierMessage() {
		assertPasses(rights(Role.MEMBER), reply(SEQ - 1));
		assertRefused(rights(Role.MEMBER), reply(SEQ), ProblemType.VALIDATION);
	}

	@Test
	void mentionsNameMembersUnlessAMemberOfAHiddenListMentions() {
		PostMessage bob = mentioning("bob");
		assertRefused(rights(Role.MEMBER), bob, ProblemType.VALIDATION);
		assertPasses(rights(Role.MEMBER), bob, Set.of("bob"));
		assertPasses(hidden(Role.MEMBER), bob);
		assertRefused(hidden(Role.ADMIN), bob, ProblemType.VALIDATION);
	}

	private static void check(PostingRights rights, PostMessage message) {
		PostingPolicy.check(rights, message, Set.of(), NOW);
	}

	private static void assertPasses(PostingRights rights, PostMessage message) {
		assertPasses(rights, message, Set.of());
	}

	private static void assertPasses(PostingRights rights, PostMessage message, Set<String> members) {
		assertThatCode(() -> PostingPolicy.check(rights, message, members, NOW)).as(rights.toString())
			.doesNotThrowAnyException();
	}

	private static void assertRefused(PostingRights rights, PostMessage message, ProblemType type) {
		assertThatThrownBy(() -> check(rights, message)).as(rights.toString())
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.problem()).isEqualTo(type));
	}

	private static PostingRights rights(Role role) {
		return new PostingRights(SEQ, role, null, PostPolicy.EVERYONE, 0, GroupKind.CHAT, 10, null, false);
	}

	private static PostingRights muted(Instant until) {
		return new PostingRights(SEQ, Role.MEMBER, until, PostPolicy.EVERYONE, 0, GroupKind.CHAT, 10, null, false);
	}

	private static PostingRights policy(Role role, PostPolicy policy) {
		return new PostingRights(SEQ, role, null, policy, 0, GroupKind.CHAT, 10, null, false);
	}

	private static PostingRights slow(Role role, int seconds, Instant previous) {
		return new PostingRights(SEQ, role, null, PostPolicy.EVERYONE, seconds, GroupKind.CHAT, 10, previous, false);
	}

	private static PostingRights members(Role role, int count) {
		return new PostingRights(SEQ, role, null, PostPolicy.EVERYONE, 0, GroupKind.FAN, count, null, false);
	}

	private static PostingRights hidden(Role role) {
		return new PostingRights(SEQ, role, null, PostPolicy.EVERYONE, 0, GroupKind.FAN, 10, null, true);
	}

	private static PostMessage text() {
		return new PostMessage("c1", MessageType.TEXT, "hello", null, null, null, List.of());
	}

	private static PostMessage mentioning(String userId) {
		return new PostMessage("c1", MessageType.TEXT, "hey " + userId, null, null, null, List.of(userId));
	}

	private static PostMessage reply(long seq) {
		return new PostMessage("c1", MessageType.TEXT, "re", null, null, seq, List.of());
	}

}
