package dev.groupchat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The page and its assets over real HTTP, without a browser: served to anyone (they hold
 * no data), under headers that keep a hostile string from running, framing the page or
 * leaking the address.
 */
class DashboardPageTest extends EndToEndTest {

	@Test
	void thePageAndItsAssetsAreServedToAnyoneUnderTheDashboardsSecurityHeaders() {
		List<String> paths = List.of("/dashboard", "/dashboard/groups/" + UUID.randomUUID() + "/members",
				"/dashboard/js/app.js", "/dashboard/dashboard.css",
				"/dashboard/vendor/stomp__stompjs/7.2.1/esm6/index.js");
		for (String path : paths) {
			Api.Response response = api.anonymous().get(path);

			assertThat(response.status()).as(path).isEqualTo(200);
			String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
			assertThat(policy).as(path)
				.contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
						"connect-src 'self' ws://localhost:" + port + " wss://localhost:" + port + ";")
				.doesNotContain("unsafe-inline", "unsafe-eval", "*");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
			assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
			assertThat(response.headers().firstValue("Set-Cookie")).as(path).isEmpty();
		}
	}

	@Test
	void thePageHoldsNoInlineScriptOrStyle() {
		String page = api.anonymous().get("/dashboard").raw();

		assertThat(page).contains("<script type=\"module\" src=\"/dashboard/js/app.js\">");
		assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("style=", "<style");
	}

	@Test
	void aHostHeaderThatIsNoHostNameDoesNotReachThePolicy() {
		assertThat(DashboardSecurity.policy(new MockHttpServletRequest() {
			{
				addHeader("Host", "evil.example; script-src *");
			}
		})).contains("connect-src 'self';").doesNotContain("evil");
	}

}
