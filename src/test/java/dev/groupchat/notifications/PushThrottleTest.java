package dev.groupchat.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate per provider, without Spring: a second's worth at once, then one per tick. */
class PushThrottleTest {

	@Test
	void aProviderWithARateSendsASecondsWorthThenWaitsAndOneWithoutIsNeverHeld() throws Exception {
		PushThrottle throttle = new PushThrottle(properties(5, 0));

		int sent = 0;
		while (throttle.take(Platform.GATEWAY)) {
			sent++;
		}
		assertThat(sent).as("a burst of a second's worth").isEqualTo(5);
		assertThat(throttle.open(List.of("GATEWAY", "FCM"))).as("the gateway is held, FCM is not")
			.containsExactly("FCM");
		for (int i = 0; i < 1_000; i++) {
			assertThat(throttle.take(Platform.FCM)).isTrue();
		}
		Thread.sleep(450);
		assertThat(throttle.take(Platform.GATEWAY)).as("refilled at 5 a second").isTrue();
		assertThat(throttle.open(List.of("GATEWAY"))).containsExactly("GATEWAY");
	}

	private static PushProperties properties(int gatewayPerSecond, int fcmPerSecond) {
		return new PushProperties(URI.create("http://127.0.0.1:1/notify"),
				new PushProperties.Fcm(null, null, URI.create("https://fcm.googleapis.com"), fcmPerSecond),
				new PushProperties.Apns(null, null, null, null, URI.create("https://api.push.apple.com"), 0, null,
						null),
				"app", 10, Duration.ofMillis(500), 500, 100, 50, 16, 8, Duration.ofSeconds(1), Duration.ofMinutes(10),
				Duration.ofSeconds(5), 100, gatewayPerSecond, 1);
	}

}
