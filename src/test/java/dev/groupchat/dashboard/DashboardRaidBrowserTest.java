package dev.groupchat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Raid defence as a creator meets it on the dashboard: the live {@code invite.paused}
 * alert on the screen they have open, the paused invite in the settings, Resume, and the
 * newcomers marked as on probation in the member list.
 */
@TestPropertySource(properties = { "groupchat.groups.raid.max-joins=2", "groupchat.groups.raid.window=PT1M",
		"groupchat.groups.probation=PT10M" })
class DashboardRaidBrowserTest extends EndToEndTest {

	private static Browser browser;

	@RegisterExtension
	final TestWatcher failures = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			if (browser != null) {
				browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
			}
		}
	};

	@BeforeAll
	static void startBrowser() throws Exception {
		browser = Browser.startOrSkip();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void aRaidShowsAnAlertAndThePausedInviteWhichResumeMakesActiveAgain() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("joinPolicy", "OPEN"));
		String code = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of()).text("code");

		browser.size(1280, 900);
		browser.open("http://localhost:" + port + "/dashboard#token=" + TestTokens.token(owner));
		browser.awaitText(By.id("who"), "Signed in as");
		browser.open("http://localhost:" + port + "/dashboard/groups/" + groupId + "/settings");
		browser.awaitText(By.cssSelector("li[data-code='" + code + "']"), "0 uses");
		browser.await(d -> "live".equals(browser.script("return document.documentElement.dataset.userEvents")));

		assertThat(joinStatus(code)).isEqualTo(201);
		assertThat(joinStatus(code)).isEqualTo(201);
		assertThat(joinStatus(code)).as("the third join within the minute trips the defence").isEqualTo(202);

		browser.awaitText(By.cssSelector("#notices [role=alert]"),
				"Invite " + code + " paused: 3 joins in 60 s — the group now needs approval");
		browser.awaitText(By.cssSelector("li[data-code='" + code + "']"), "paused by raid defence since");
		browser.screenshot("raid-paused-invite");
		assertThat(joinStatus(code)).as("paused").isEqualTo(409);

		browser.click("Resume invite " + code);

		browser.await(d -> {
			String text = d.findElement(By.cssSelector("li[data-code='" + code + "']")).getText();
			return !text.contains("paused") && text.contains("3 uses") && text.contains("expires");
		});
		assertThat(browser.driver().findElements(By.cssSelector("[aria-label='Resume invite " + code + "']")))
			.isEmpty();
		JsonNode invite = api.as(owner).get("/api/v1/groups/" + groupId + "/invites").json().path("items").get(0);
		assertThat(invite.path("paused").asBoolean()).isFalse();
		assertThat(joinStatus(code)).as("resumed; the group still asks for approval").isEqualTo(202);

		browser.click("Dismiss notice about invite " + code);
		browser.await(d -> d.findElements(By.cssSelector("#notices [role=alert]")).isEmpty());

		String raider = user("raider");
		configure(groupId, owner, Map.of("joinPolicy", "OPEN"));
		assertThat(api.as(raider).post("/api/v1/invites/" + code + "/join", Map.of()).status()).isEqualTo(201);
		browser.open("http://localhost:" + port + "/dashboard/groups/" + groupId + "/members");
		browser.awaitText(By.cssSelector("ul[aria-label='Members'] [data-user-id='" + raider + "']"),
				"on probation until");
		assertThat(browser.driver()
			.findElement(By.cssSelector("ul[aria-label='Members'] [data-user-id='" + owner + "']"))
			.getText()).doesNotContain("probation");
	}

	private int joinStatus(String code) {
		return api.as(user("fan")).post("/api/v1/invites/" + code + "/join", Map.of()).status();
	}

}
