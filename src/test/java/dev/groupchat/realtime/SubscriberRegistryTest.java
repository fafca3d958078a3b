package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.groupchat.identity.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One group's local subscribers, without threads. */
class SubscriberRegistryTest {

	private final SubscriberRegistry registry = new SubscriberRegistry();

	private static StompSession session(String id, String userId) {
		StompSession session = mock(StompSession.class);
		when(session.id()).thenReturn(id);
		when(session.user()).thenReturn(userId == null ? null : new CurrentUser(userId, null, 0, null, Set.of()));
		return session;
	}

	private GroupChannel.Subscriber add(StompSession session, String subscriptionId) {
		GroupChannel.Subscriber subscriber = new GroupChannel.Subscriber(session, subscriptionId, false);
		registry.reserve();
		registry.add(subscriber);
		return subscriber;
	}

	@Test
	void theSizeCountsReservedSubscribersBeforeTheyAreAdded() {
		registry.reserve();

		assertThat(registry.size()).isEqualTo(1);
		assertThat(registry.snapshot()).isEmpty();
	}

	@Test
	void theSnapshotKeepsArrivalOrderAndIsReusedUntilAChange() {
		StompSession a = session("a", "alice");
		GroupChannel.Subscriber first = add(a, "sub-0");
		GroupChannel.Subscriber second = add(session("b", "bob"), "sub-0");
		GroupChannel.Subscriber third = add(a, "sub-1");

		GroupChannel.Subscriber[] snapshot = registry.snapshot();

		assertThat(snapshot).containsExactly(first, second, third);
		assertThat(registry.snapshot()).isSameAs(snapshot);
		registry.remove(a, "sub-0");
		assertThat(registry.snapshot()).containsExactly(second, third);
	}

	@Test
	void removingCountsOnlyASubscriptionThatWasThere() {
		StompSession a = session("a", "alice");
		add(a, "sub-0");

		assertThat(registry.remove(a, "sub-1")).isFalse();
		assertThat(registry.remove(a, "sub-0")).isTrue();
		assertThat(registry.remove(a, "sub-0")).isFalse();
		assertThat(registry.size()).isZero();
	}

	@Test
	void removeIfTakesOutTheSelectedAndReportsEach() {
		GroupChannel.Subscriber alice = add(session("a", "alice"), "sub-0");
		GroupChannel.Subscriber bob = add(session("b", "bob"), "sub-0");
		GroupChannel.Subscriber aliceAgain = add(session("c", "alice"), "sub-0");
		List<GroupChannel.Subscriber> removed = new ArrayList<>();

		registry.removeIf(s -> "alice".equals(s.userId()), removed::add);

		assertThat(removed).containsExactly(alice, aliceAgain);
		assertThat(registry.snapshot()).containsExactly(bob);
		assertThat(registry.size()).isEqualTo(1);
	}

	@Test
	void theUsersLeaveOutAnonymousSessions() {
		add(session("a", "alice"), "sub-0");
		add(session("b", "alice"), "sub-0");
		add(session("c", null), "sub-0");

		assertThat(registry.users()).containsExactly("alice");
	}

}
