package dev.groupchat.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.groupchat.groups.GroupAccess;
import dev.groupchat.identity.CurrentUser;
import dev.groupchat.messaging.History;
import dev.groupchat.shared.Traces;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a node's channels keep lost access out: a SUBSCRIBE that races a revocation looks
 * again and delivers nothing meanwhile, and a recheck ends exactly the subscribers who
 * may no longer read. The database answers are stubbed here; {@code AccessRevocationTest}
 * and {@code ScaleOutTest} run the same paths against PostgreSQL and RabbitMQ.
 */
class GroupChannelsAccessTest {

	private static final String ENDED = "{\"type\":\"subscription.ended\",\"reason\":\"TEST\"}";

	private final GroupAccess access = mock(GroupAccess.class);

	private final UUID groupId = UUID.randomUUID();

	private GroupChannels channels;

	@BeforeEach
	void start() {
		when(access.lastSeq(groupId)).thenReturn(Optional.of(0L));
		channels = new GroupChannels(access, mock(History.class), new EventJson(JsonMapper.builder().build()),
				new Binder(new MapConfigurationPropertySource()).bindOrCreate("groupchat.realtime",
						RealtimeProperties.class),
				mock(BusInterest.class), new RealtimeMeters(new SimpleMeterRegistry()), Traces.off());
	}

	@AfterEach
	void stop() {
		channels.destroy();
	}

	@Test
	void aRevocationThatRacesTheCheckMakesTheSubscribeLookAgainAndDeliverNothing() throws Exception {
		List<String> bystander = subscribed("bystander");
		StompSession victim = session("victim");
		List<String> victimGot = sent(victim);
		AtomicInteger asked = new AtomicInteger();

		assertThatThrownBy(() -> channels.subscribe(victim, "sub", groupId, null, () -> {
			if (asked.incrementAndGet() == 1) {
				channels.drop(groupId, "victim", ENDED); // the ban's event reaches this
															// node now
				return true; // read just before the ban committed
			}
			channels.publish(groupId, 1, "{\"seq\":1}");
			return false;
		})).isInstanceOf(StompRefusal.class);

		assertThat(asked).hasValue(2);
		awaitFrames(bystander, 1);
		Thread.sleep(200);
		assertThat(victimGot).isEmpty();
	}

	@Test
	void withoutARevocationAnExistingChannelAsksOnceAndDelivers() throws Exception {
		subscribed("bystander");
		StompSession member = session("member");
		List<String> got = sent(member);
		AtomicInteger asked = new AtomicInteger();

		channels.subscribe(member, "sub", groupId, null, () -> asked.incrementAndGet() > 0);
		channels.publish(groupId, 1, "{\"seq\":1}");

		assertThat(asked).hasValue(1);
		awaitFrames(got, 1);
	}

	@Test
	void theFirstSubscriberOnANodeIsCheckedAgainOnceTheNodeHearsTheGroup() {
		AtomicInteger asked = new AtomicInteger();

		channels.subscribe(session("first"), "sub", groupId, null, () -> asked.incrementAndGet() > 0);

		assertThat(asked).hasValue(2);
	}

	@Test
	void aRecheckEndsOnlyTheSubscribersWhoMayNoLongerRead() throws Exception {
		List<String> member = subscribed("member");
		List<String> reader = subscribed("reader");
		when(access.readersAmong(eq(groupId), any())).thenReturn(Set.of("member"));

		channels.recheck(groupId, ENDED);
		channels.publish(groupId, 1, "{\"seq\":1}");

		awaitFrames(member, 1);
		awaitFrames(reader, 1);
		Thread.sleep(200);
		assertThat(member).singleElement().asString().contains("\"seq\":1");
		assertThat(reader).singleElement().asString().contains("subscription.ended");
	}

	@Test
	void aRecheckThatCannotReachTheDatabaseEndsEveryone() throws Exception {
		List<String> member = subscribed("member");
		when(access.readersAmong(eq(groupId), any())).thenThrow(new IllegalStateException("database down"));

		channels.recheck(groupId, ENDED);
		channels.publish(groupId, 1, "{\"seq\":1}");

		awaitFrames(member, 1);
		Thread.sleep(200);
		assertThat(member).singleElement().asString().contains("subscription.ended");
	}

	private List<String> subscribed(String userId) {
		StompSession session = session(userId);
		List<String> frames = sent(session);
		channels.subscribe(session, "sub", groupId, null, () -> true);
		return frames;
	}

	private static StompSession session(String userId) {
		StompSession session = mock(StompSession.class);
		when(session.id()).thenReturn("session-" + userId);
		// a group's frame goes out as the text frame (the session took no binary frames)
		doCallRealMethod().when(session).send(any(GroupChannel.Frame.class), anyString());
		when(session.user()).thenReturn(new CurrentUser(userId, userId, 0, null, Set.of()));
		return session;
	}

	private static List<String> sent(StompSession session) {
		List<String> frames = Collections.synchronizedList(new ArrayList<>());
		doAnswer(call -> frames.add(call.getArgument(0, String.class))).when(session).send(anyString());
		return frames;
	}

	private static void awaitFrames(List<String> frames, int count) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (frames.size() < count && System.nanoTime() < end) {
			Thread.sleep(10);
		}
		assertThat(frames).hasSizeGreaterThanOrEqualTo(count);
	}

}
