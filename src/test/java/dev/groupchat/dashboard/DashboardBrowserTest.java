package dev.groupchat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The creator dashboard in a real headless Chromium against the service on a random port
 * and real PostgreSQL: each test does what a creator would and checks the result through
 * the API. Saves a screenshot of every screen under target/dashboard-screenshots/, and
 * one of the failure.
 */
class DashboardBrowserTest extends EndToEndTest {

	private static final String XSS = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1\">";

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

	private void signIn(String userId, String path) {
		browser.size(1280, 900);
		browser.open("http://localhost:" + port + "/dashboard#token=" + TestTokens.token(userId));
		browser.awaitText(By.id("who"), "Signed in as");
		if (!path.isEmpty()) {
			browser.open("http://localhost:" + port + "/dashboard" + path);
		}
	}

	private String tab(String groupId, String tab) {
		return "/groups/" + groupId + "/" + tab;
	}

	@Test
	void signsInFromTheFragmentAndSendsAnExpiredTokenBackToSignIn() {
		String owner = user("owner");
		createGroup(owner, "FAN");

		signIn(owner, "");

		assertThat(browser.driver().getCurrentUrl()).doesNotContain("token").endsWith("/dashboard");
		assertThat(browser.script("return sessionStorage.getItem('groupchat.dashboard.token')")).isNotNull();
		browser.awaitText(By.tagName("main"), "group you run");
		browser.screenshot("overview-signed-in");

		String expired = TestTokens.token(owner, Map.of("name", "Owner"), Duration.ofMinutes(-5), TestTokens.SECRET);
		browser.open("http://localhost:" + port + "/dashboard#token=" + expired);

		WebElement reason = browser.awaitText(By.id("sign-in-reason"), "expired");
		assertThat(reason.getText()).contains("Sign in again");
		assertThat(browser.control("Token").getTagName()).isEqualTo("textarea");
		assertThat(browser.driver().getCurrentUrl()).doesNotContain("token");
		browser.screenshot("sign-in-expired");
	}

	@Test
	void theOverviewShowsTheNumbersTheApiGives() {
		String owner = user("owner");
		String fan = user("fan");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, fan);
		postText(owner, groupId, "welcome");
		long spam = postText(fan, groupId, "spam");
		api.as(owner).post("/api/v1/groups/" + groupId + "/messages/" + spam + "/reports", Map.of("reason", "spam"));
		String quiet = createGroup(owner, "CHAT");

		signIn(owner, "");

		WebElement card = browser.await(d -> d.findElements(By.cssSelector("[data-group-id='" + groupId + "']"))
			.stream()
			.findFirst()
			.orElse(null));
		JsonNode stats = api.as(owner).get("/api/v1/groups/" + groupId + "/stats").json();
		for (String key : List.of("memberCount", "messagesToday", "activeMembers7d", "openReports",
				"pendingJoinRequests")) {
			assertThat(card.findElement(By.cssSelector("[data-stat='" + key + "']")).getText()).as(key)
				.isEqualTo(stats.path(key).asString());
		}
		List<WebElement> cards = browser.driver().findElements(By.cssSelector("[data-group-id]"));
		assertThat(cards.getFirst().getAttribute("data-group-id")).as("open reports first").isEqualTo(groupId);
		assertThat(cards).extracting(c -> c.getAttribute("data-group-id")).contains(quiet);
		browser.screenshot("overview");
		Number script = (Number) browser.script("return performance.getEntriesByType('resource')"
				+ ".filter(e => e.name.endsWith('.js')).reduce((sum, e) => sum + e.decodedBodySize, 0)");
		assertThat(script.longValue()).as("JavaScript the page loads, bytes").isPositive().isLessThan(500_000);

		card.findElement(By.tagName("a")).click();
		browser.awaitText(By.tagName("figcaption"), "Messages per day");
		browser.screenshot("insights");
		browser.open("http://localhost:" + port + "/dashboard" + tab(groupId, "audit"));
		browser.awaitText(By.tagName("main"), "Audit log");
		browser.screenshot("audit-log");
	}

	@Test
	void approvesAJoinRequestAndBansFromTheMemberList() {
		String owner = user("owner");
		String troll = user("troll");
		String applicant = user("applicant");
		List<String> unwanted = List.of(user("bot"), user("bot"));
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, troll);
		configure(groupId, owner, Map.of("joinPolicy", "APPROVAL"));
		String code = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of()).text("code");
		for (String asking : List.of(applicant, unwanted.get(0), unwanted.get(1))) {
			assertThat(api.as(asking).post("/api/v1/invites/" + code + "/join", Map.of()).status()).isEqualTo(202);
		}

		signIn(owner, tab(groupId, "members"));
		browser.control("Approve " + applicant);
		browser.screenshot("members");
		browser.click("Approve " + applicant);

		browser.awaitText(By.cssSelector(".outcome.ok"), applicant + " joined the group.");
		assertThat(api.as(applicant).get("/api/v1/groups/" + groupId).status()).isEqualTo(200);
		browser.await(d -> d.findElements(By.cssSelector("[aria-label='Kick " + applicant + "']")).size() == 1);

		unwanted.forEach(id -> browser.click("Select request of " + id));
		browser.click("Reject selected");
		browser.awaitText(By.cssSelector(".outcome.ok"), "2 request(s) rejected.");
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId + "/join-requests").json().path("items").size())
			.isZero();
		browser.awaitText(By.cssSelector("[aria-label='Join requests']"), "No pending requests.");

		browser.control("Ban reason for " + troll).sendKeys("spamming links");
		browser.click("Ban " + troll);

		browser.awaitText(By.cssSelector(".outcome.ok"), troll + " is banned.");
		assertThat(api.as(troll).get("/api/v1/groups/" + groupId).status()).isEqualTo(404);
		JsonNode audit = api.as(owner).get("/api/v1/groups/" + groupId + "/audit-log").json().path("items");
		assertThat(audit.get(0).path("action").asString()).isEqualTo("member.banned");
		assertThat(audit.get(0).path("reason").asString()).isEqualTo("spamming links");
		browser.await(d -> d.findElements(By.cssSelector("ul[aria-label='Members'] [data-user-id='" + troll + "']"))
			.isEmpty());
		assertThat(api.as(troll).post("/api/v1/invites/" + code + "/join", Map.of()).status()).as("banned")
			.isEqualTo(403);

		browser.awaitText(By.cssSelector("[aria-label='Bans'] [data-user-id='" + troll + "']"), "spamming links");
		browser.click("Lift ban of " + troll);

		browser.awaitText(By.cssSelector(".outcome.ok"), "The ban of " + troll + " is lifted.");
		browser.awaitText(By.cssSelector("[aria-label='Bans']"), "Nobody is banned.");
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId + "/bans").json().path("items").size()).isZero();
		assertThat(api.as(troll).post("/api/v1/invites/" + code + "/join", Map.of()).status()).as("ban lifted")
			.isEqualTo(202);
	}

	@Test
	void membersAreSearchedPagedPromotedMutedAndKicked() {
		String owner = user("owner");
		String fan = user("fan");
		String groupId = createGroup(owner, "FAN");
		api.as(fan, Map.of("name", "Zoë Fanfare")).get("/api/v1/groups");
		addMember(groupId, owner, fan);
		for (int i = 0; i < 50; i++) {
			addMember(groupId, owner, user("crowd"));
		}

		signIn(owner, tab(groupId, "members"));
		browser.awaitText(By.cssSelector("[role=status]"), "Page 1");
		assertThat(browser.driver().findElements(By.cssSelector("[aria-label='Members'] [data-user-id]"))).hasSize(50);
		browser.click("Next page");
		browser.awaitText(By.cssSelector("[role=status]"), "Page 2");
		browser.await(d -> d.findElements(By.cssSelector("[aria-label='Members'] [data-user-id]")).size() == 2);
		browser.control("Search members by name or user id").sendKeys("fanfare");
		browser.click("Search");
		browser.await(d -> d.findElements(By.cssSelector("[aria-label='Members'] [data-user-id]")).size() == 1);
		browser.awaitText(By.cssSelector("[aria-label='Members'] [data-user-id='" + fan + "']"), "Zoë Fanfare");
		browser.control("Search members by name or user id").clear();
		browser.control("Search members by name or user id").sendKeys(fan.substring(0, 6));
		browser.click("Search");
		browser.await(d -> d.findElements(By.cssSelector("[aria-label='Members'] [data-user-id]")).size() == 1);

		browser.click("Make admin " + fan);
		browser.awaitText(By.cssSelector(".outcome.ok"), fan + " is now an admin.");
		assertThat(api.as(owner)
			.get("/api/v1/groups/" + groupId + "/members?q=" + fan)
			.json()
			.path("items")
			.get(0)
			.path("role")
			.asString()).isEqualTo("ADMIN");
		browser.click("Remove admin role of " + fan);
		browser.awaitText(By.cssSelector(".outcome.ok"), fan + " is a member again.");
		new Select(browser.control("Mute duration for " + fan)).selectByVisibleText("1 day");
		browser.click("Mute " + fan);
		browser.awaitText(By.cssSelector(".outcome.ok"), fan + " is muted.");
		browser.awaitText(By.cssSelector("[data-user-id='" + fan + "']"), "muted until");
		assertThat(api.as(fan)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", "muted", "type", "TEXT", "text", "hi"))
			.status()).isEqualTo(403);
		browser.click("Kick " + fan);

		browser.awaitText(By.cssSelector(".outcome.ok"), fan + " was removed.");
		assertThat(api.as(fan).get("/api/v1/groups/" + groupId).status()).isEqualTo(404);
		browser.awaitText(By.cssSelector("[aria-label='Members']"), "No members match.");
	}

	@Test
	void resolvesAReportWithARecallShowingTheMessageInContext() {
		String owner = user("owner");
		String fan = user("fan");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, fan);
		postText(fan, groupId, "one");
		postText(owner, groupId, "two");
		long bad = postText(fan, groupId, "buy followers now");
		postText(owner, groupId, "four");
		postText(fan, groupId, "five");
		postText(fan, groupId, "six");
		api.as(owner).post("/api/v1/groups/" + groupId + "/messages/" + bad + "/reports", Map.of("reason", "scam"));

		signIn(owner, tab(groupId, "reports"));

		WebElement context = browser.await(d -> {
			List<WebElement> lines = d.findElements(By.cssSelector("[data-report-id] .context li"));
			return lines.size() == 5 ? lines : null;
		}).getFirst();
		assertThat(context.getText()).contains("one");
		browser.awaitText(By.cssSelector("[data-report-id] .reported"), "buy followers now");
		browser.screenshot("reports");
		browser.click("Recall message (report on message #" + bad + ")");

		browser.awaitText(By.cssSelector(".outcome.ok"), "Message #" + bad + " recalled.");
		JsonNode page = api.as(owner)
			.get("/api/v1/groups/" + groupId + "/messages?afterSeq=" + (bad - 1) + "&limit=1")
			.json();
		assertThat(page.path("messages").get(0).path("deleted").asBoolean()).isTrue();
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId + "/reports").json().path("items").size()).isZero();
		browser.awaitText(By.tagName("main"), "No open reports.");
	}

	@Test
	void theMemberListCanBeHiddenInSettingsAndMembersThenSeeOnlyTheModerators() {
		String owner = user("owner");
		String fan = user("fan");
		String other = user("other");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, fan);
		addMember(groupId, owner, other);

		signIn(owner, tab(groupId, "settings"));
		WebElement memberList = browser.control("Member list");
		assertThat(new Select(memberList).getFirstSelectedOption().getText()).isEqualTo("Automatic (now visible)");
		new Select(memberList).selectByValue("HIDDEN");
		browser.click("Save settings");

		browser.awaitText(By.cssSelector(".outcome.ok"), "Settings saved.");
		JsonNode group = api.as(fan).get("/api/v1/groups/" + groupId).json();
		assertThat(group.path("hiddenMembers").asBoolean()).isTrue();
		assertThat(group.path("hiddenMembersSource").asString()).isEqualTo("SETTING");
		assertThat(api.as(fan).get("/api/v1/groups/" + groupId + "/members").json().path("items").toString())
			.contains(owner, fan)
			.doesNotContain(other);
	}

	@Test
	void slowModeSetInSettingsRefusesAMembersSecondMessage() {
		String owner = user("owner");
		String fan = user("fan");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, fan);

		signIn(owner, tab(groupId, "settings"));
		WebElement slowMode = browser.control("Slow mode (seconds between messages)");
		new Select(slowMode).selectByValue("30");
		browser.click("Save settings");

		browser.awaitText(By.cssSelector(".outcome.ok"), "Settings saved.");
		browser.screenshot("settings");
		postText(fan, groupId, "first");
		Api.Response second = api.as(fan)
			.post("/api/v1/groups/" + groupId + "/messages",
					Map.of("clientMsgId", "second", "type", "TEXT", "text", "second"));
		assertThat(second.status()).isEqualTo(429);
		assertThat(second.headers().firstValue("Retry-After")).isPresent();
	}

	@Test
	void settingsShowTheServersRefusalNextToTheFieldAndInvitesCanBeCreatedAndRevoked() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");

		signIn(owner, tab(groupId, "settings"));
		browser.control("Blocked patterns (RE2, one per line)").sendKeys("(unclosed");
		browser.click("Save keyword filter");
		assertThat(errorNextTo("Blocked patterns (RE2, one per line)")).contains("not a valid RE2 expression");
		WebElement limit = browser.control("Member limit");
		limit.clear();
		limit.sendKeys("200000");
		browser.click("Save settings");
		assertThat(errorNextTo("Member limit")).contains("memberLimit must be between 2 and 100000");
		assertThat(limit.getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId).json().path("memberLimit").asInt()).isEqualTo(1000);

		browser.control("Maximum uses (empty: unlimited)").sendKeys("3");
		browser.click("Create invite");
		String code = browser.awaitText(By.cssSelector(".outcome.ok"), "created.").getText().split(" ")[1];
		WebElement invite = browser.awaitText(By.cssSelector("[data-code='" + code + "']"), "0 of 3 uses");
		assertThat(invite.findElements(By.cssSelector(".qr canvas"))).hasSize(1);
		String fan = user("fan");
		api.as(fan, Map.of("name", "Early Fan")).post("/api/v1/invites/" + code + "/join", Map.of());
		browser.click("Who joined with " + code);
		browser.awaitText(By.cssSelector("[aria-label='Members who joined with " + code + "']"), "Early Fan");
		browser.screenshot("settings-errors-and-invite");
		browser.click("Revoke invite " + code);

		browser.awaitText(By.cssSelector("[data-code='" + code + "']"), "no longer valid");
		assertThat(api.as(user("fan")).post("/api/v1/invites/" + code + "/join", Map.of()).status()).isEqualTo(410);
	}

	private String errorNextTo(String label) {
		WebElement control = browser.control(label);
		return browser.await(d -> {
			String text = d.findElement(By.id(control.getAttribute("aria-describedby"))).getText();
			return text.isBlank() ? null : text;
		});
	}

	@Test
	void theLiveFeedShowsNewMessagesAndARecallReachesStompSubscribers() throws Exception {
		String owner = user("owner");
		String fan = user("fan");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, fan);
		postText(fan, groupId, "before the page opened");

		signIn(owner, tab(groupId, "live"));
		browser.awaitText(By.id("live-state"), "Live");
		browser.awaitText(By.id("live-feed"), "before the page opened");
		try (StompTestClient watcher = StompTestClient.connect(port, TestTokens.token(fan))) {
			StompTestClient.Subscription events = watcher.subscribeAndAwait("/topic/group." + groupId);
			long seq = postText(fan, groupId, "hello from the API");

			browser.awaitText(By.cssSelector("#live-feed [data-seq='" + seq + "']"), "hello from the API");
			browser.click("Pin message #" + seq);
			browser.awaitText(By.cssSelector("[aria-label='Pinned messages'] [data-seq='" + seq + "']"), "read by");
			browser.click("Make message #" + seq + " the announcement");
			browser.awaitText(By.cssSelector("[aria-label='Pinned messages'] [data-seq='" + seq + "']"),
					"Announcement");
			assertThat(api.as(fan).get("/api/v1/groups/" + groupId).json().path("announcement").path("seq").asLong())
				.as("the announcement reaches the app")
				.isEqualTo(seq);
			browser.screenshot("live-feed");
			browser.click("Recall message #" + seq);

			JsonNode deleted = events.next("message.deleted", Duration.ofSeconds(20));
			assertThat(deleted).as("message.deleted reaches the subscriber").isNotNull();
			assertThat(deleted.path("seq").asLong()).isEqualTo(seq);
			browser.awaitText(By.cssSelector("#live-feed [data-seq='" + seq + "']"), "Message recalled");
			browser.awaitText(By.cssSelector("[aria-label='Pinned messages']"), "Nothing is pinned.");
		}
	}

	@Test
	void userTextIsShownAsTextAndNeverRuns() {
		String owner = user("owner");
		String evil = user("evil");
		String groupId = createGroup(owner, "FAN");
		configure(groupId, owner, Map.of("name", XSS));
		addMember(groupId, owner, evil);
		Api attacker = api.as(evil, Map.of("name", XSS));
		attacker.get("/api/v1/groups/" + groupId);
		long seq = postText(evil, groupId, XSS);
		attacker.post("/api/v1/groups/" + groupId + "/messages/" + seq + "/reports", Map.of("reason", XSS));

		for (String screen : List.of("", tab(groupId, "live"), tab(groupId, "members"), tab(groupId, "reports"),
				tab(groupId, "insights"))) {
			signIn(owner, screen);
			browser.awaitText(By.tagName("main"), XSS);
		}
		browser.screenshot("xss-probe");

		assertThat(browser.script("return window.__xss === undefined")).isEqualTo(true);
		assertThat(browser.driver().findElements(By.cssSelector("main img"))).isEmpty();
	}

	@Test
	void fitsAPhoneScreen() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		postText(owner, groupId, "a message long enough to need wrapping on a phone screen, as creators write them");

		for (String screen : List.of("insights", "live", "members", "reports", "settings", "audit")) {
			signIn(owner, "");
			browser.size(360, 800);
			browser.open("http://localhost:" + port + "/dashboard" + tab(groupId, screen));
			browser.await(d -> {
				String text = d.findElement(By.cssSelector(".tab-body")).getText();
				return !text.isBlank() && !text.contains("Loading") ? text : null;
			});
			Number overflow = (Number) browser
				.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
			assertThat(overflow.intValue()).as("horizontal overflow of %s at 360 px", screen).isLessThanOrEqualTo(0);
			browser.screenshot("phone-" + screen);
		}
	}

	@Test
	void isUsableByKeyboardAlone() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");

		signIn(owner, tab(groupId, "insights"));
		browser.awaitText(By.tagName("figcaption"), "Messages per day");
		WebElement members = browser.driver().findElement(By.linkText("Members"));
		for (int i = 0; i < 20 && !members.equals(browser.driver().switchTo().activeElement()); i++) {
			browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
		}
		assertThat(browser.driver().switchTo().activeElement()).isEqualTo(members);
		members.sendKeys(Keys.ENTER);
		browser.awaitText(By.tagName("h2"), "Members (1)");
		assertThat(browser.driver().getCurrentUrl()).endsWith(tab(groupId, "members"));
	}

}
