package dev.groupchat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.groupchat.support.Api;
import dev.groupchat.support.EndToEndTest;
import dev.groupchat.support.StompTestClient;
import dev.groupchat.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

	/**
	 * Stands in for the network between the page and the service: {@code cut()} drops
	 * every open WebSocket and makes new ones fail (as in a tunnel) until
	 * {@code restore()}. The page has no hook of its own for this, and Chromium's offline
	 * emulation leaves open WebSockets alone.
	 */
	private static final String NETWORK = """
			(() => {
			  const Real = window.WebSocket;
			  const open = new Set();
			  let down = false;
			  window.__network = {
			    cut() { down = true; open.forEach((socket) => socket.close()); },
			    restore() { down = false; },
			  };
			  window.WebSocket = class extends Real {
			    constructor(url, protocols) {
			      super(down ? new URL('/no-such-socket', url).href : url, protocols);
			      open.add(this);
			      this.addEventListener('close', () => open.delete(this));
			    }
			  };
			})();""";

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

	@Test
	void theLiveFeedCatchesUpAfterADroppedConnectionWithEveryMessageOnceAndInOrder() {
		String owner = user("owner");
		String fan = user("fan");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, fan);
		long before = postText(fan, groupId, "before the drop");
		String network = browser.onNewDocument(NETWORK);
		try {
			signIn(owner, tab(groupId, "live"));
			dropAndResume(groupId, fan, before);
		}
		finally {
			browser.forgetNewDocumentScript(network);
		}
	}

	private void dropAndResume(String groupId, String fan, long before) {
		browser.awaitText(By.id("live-state"), "Live");
		browser.awaitText(By.cssSelector("#live-feed [data-seq='" + before + "']"), "before the drop");
		browser.script("window.__sameDocument = true");
		browser.script("window.__network.cut()");
		List<Long> missed = new ArrayList<>();
		try {
			browser.awaitText(By.id("live-state"), "Connection lost");
			for (int i = 1; i <= 3; i++) {
				missed.add(postText(fan, groupId, "missed while offline " + i));
			}
			browser.screenshot("live-feed-reconnecting");
		}
		finally {
			browser.script("window.__network.restore()");
		}

		browser.awaitText(By.id("live-state"), "Live");
		long after = postText(fan, groupId, "after the reconnect");
		browser.awaitText(By.cssSelector("#live-feed [data-seq='" + after + "']"), "after the reconnect");
		assertThat(browser.script("return window.__sameDocument === true")).as("no reload").isEqualTo(true);
		List<Long> shown = browser.driver()
			.findElements(By.cssSelector("#live-feed li[data-seq]"))
			.stream()
			.map(row -> Long.parseLong(row.getAttribute("data-seq")))
			.toList();
		assertThat(shown).as("every message once, oldest first").doesNotHaveDuplicates().isSorted();
		List<Long> expected = new ArrayList<>(List.of(before));
		expected.addAll(missed);
		expected.add(after);
		assertThat(shown.subList(shown.indexOf(before), shown.size())).isEqualTo(expected);
		for (int i = 0; i < missed.size(); i++) {
			assertThat(browser.driver()
				.findElement(By.cssSelector("#live-feed [data-seq='" + missed.get(i) + "'] .text"))
				.getText()).isEqualTo("missed while offline " + (i + 1));
		}
		browser.screenshot("live-feed-caught-up");
	}

	@Test
	void reportsAreDismissedOrTheirSendersMutedOrBannedFromTheQueue() {
		String owner = user("owner");
		String chatty = user("chatty");
		String loud = user("loud");
		String troll = user("troll");
		String groupId = createGroup(owner, "FAN");
		List.of(chatty, loud, troll).forEach(id -> addMember(groupId, owner, id));
		long harmless = postText(chatty, groupId, "is this allowed?");
		long shouting = postText(loud, groupId, "ALL CAPS ALL DAY");
		long abuse = postText(troll, groupId, "you are all idiots");
		for (long seq : List.of(harmless, shouting, abuse)) {
			api.as(owner).post("/api/v1/groups/" + groupId + "/messages/" + seq + "/reports", Map.of("reason", "rude"));
		}
		Map<Long, String> reportIds = new HashMap<>();
		api.as(owner)
			.get("/api/v1/groups/" + groupId + "/reports")
			.json()
			.path("items")
			.forEach(r -> reportIds.put(r.path("seq").asLong(), r.path("id").asString()));

		signIn(owner, tab(groupId, "reports"));
		browser.awaitText(By.cssSelector("[role=status]"), "3 open report(s)");

		browser.click("Dismiss (report on message #" + harmless + ")");
		browser.awaitText(By.cssSelector(".outcome.ok"), "Report dismissed.");
		awaitReportGone(harmless);
		assertResolved(groupId, owner, reportIds.get(harmless));
		assertThat(deleted(groupId, owner, harmless)).as("a dismissed report leaves the message").isFalse();

		new Select(browser.control("Mute duration for the sender of message #" + shouting))
			.selectByVisibleText("1 week");
		browser.click("Mute sender (report on message #" + shouting + ")");
		Instant mutedAt = Instant.now();
		browser.awaitText(By.cssSelector(".outcome.ok"), loud + " is muted");
		awaitReportGone(shouting);
		assertResolved(groupId, owner, reportIds.get(shouting));
		Instant until = Instant.parse(api.as(owner)
			.get("/api/v1/groups/" + groupId + "/members?q=" + loud)
			.json()
			.path("items")
			.get(0)
			.path("mutedUntil")
			.asString());
		assertThat(Duration.between(mutedAt, until).toMinutes()).as("muted for a week")
			.isCloseTo(Duration.ofDays(7).toMinutes(), within(2L));

		browser.control("Reason for the decision on report " + abuse).sendKeys("insults other fans");
		browser.click("Ban sender (report on message #" + abuse + ")");
		browser.awaitText(By.cssSelector(".outcome.ok"), troll + " is banned.");
		browser.awaitText(By.tagName("main"), "No open reports.");
		assertResolved(groupId, owner, reportIds.get(abuse));
		JsonNode ban = api.as(owner).get("/api/v1/groups/" + groupId + "/bans").json().path("items").get(0);
		assertThat(ban.path("userId").asString()).isEqualTo(troll);
		assertThat(ban.path("reason").asString()).isEqualTo("insults other fans");
		assertThat(api.as(troll).get("/api/v1/groups/" + groupId).status()).as("banned").isEqualTo(404);
		browser.screenshot("reports-resolved");

		browser.open("http://localhost:" + port + "/dashboard" + tab(groupId, "members"));
		browser.awaitText(By.cssSelector("ul[aria-label='Members'] [data-user-id='" + loud + "']"), "muted until");
		browser.awaitText(By.cssSelector("[aria-label='Bans'] [data-user-id='" + troll + "']"), "insults other fans");
	}

	private void awaitReportGone(long seq) {
		browser.await(d -> d.findElements(By.cssSelector("[data-report-id][data-seq='" + seq + "']")).isEmpty());
	}

	private void assertResolved(String groupId, String owner, String reportId) {
		assertThat(api.as(owner).get("/api/v1/groups/" + groupId + "/reports").raw()).doesNotContain(reportId);
		Api.Response again = api.as(owner)
			.post("/api/v1/groups/" + groupId + "/reports/" + reportId + "/resolve", Map.of("action", "DISMISS"));
		assertThat(again.status()).as("already resolved").isEqualTo(409);
	}

	private boolean deleted(String groupId, String owner, long seq) {
		return api.as(owner)
			.get("/api/v1/groups/" + groupId + "/messages?afterSeq=" + (seq - 1) + "&limit=1")
			.json()
			.path("messages")
			.get(0)
			.path("deleted")
			.asBoolean();
	}

	@Test
	void theAuditLogShowsNewestFirstWhoDidWhatToWhomAndWhy() {
		String owner = user("owner");
		String troll = user("troll");
		String groupId = createGroup(owner, "FAN");
		addMember(groupId, owner, troll);
		configure(groupId, owner, Map.of("description", "Fans of the band"));
		Api.Response banned = api.as(owner)
			.post("/api/v1/groups/" + groupId + "/bans", Map.of("userId", troll, "reason", "spamming links"));
		assertThat(banned.status()).as(banned.raw()).isLessThan(300);
		configure(groupId, owner, Map.of("slowModeSeconds", 30));

		signIn(owner, tab(groupId, "audit"));

		List<WebElement> rows = browser.await(d -> {
			List<WebElement> items = d.findElements(By.cssSelector("ol[aria-label='Audit log'] li"));
			return items.size() >= 2 ? items : null;
		});
		assertThat(rows).hasSize(3);
		assertThat(rows.get(0).getText()).as("newest first: the slow mode change, and only what changed")
			.contains(owner, "group.settings_changed", "slow mode off → 30 s")
			.doesNotContain("description", "join policy");
		assertThat(rows.get(1).getText()).as("then the ban, with whom and why")
			.contains(owner, "member.banned", troll, "spamming links");
		assertThat(rows.get(2).getText()).as("the oldest entry: the settings as that change left them")
			.contains("group.settings_changed", "description Fans of the band", "slow mode off");
		browser.screenshot("audit-log-ban-and-slow-mode");
	}

	@Test
	void theInviteCopyButtonPutsTheCodeOnTheClipboardAndTheQrCodeIsDrawn() {
		String owner = user("owner");
		String groupId = createGroup(owner, "FAN");
		String first = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of()).text("code");
		String second = api.as(owner).post("/api/v1/groups/" + groupId + "/invites", Map.of()).text("code");

		signIn(owner, tab(groupId, "settings"));
		browser.grantClipboard("http://localhost:" + port);
		browser.click("Copy invite code " + first);

		browser.awaitText(By.cssSelector("[data-code='" + first + "'] .outcome.ok"), "Invite code copied.");
		assertThat(browser.script("return navigator.clipboard.readText()")).isEqualTo(first);
		Map<?, ?> qr = qrPixels(first);
		assertThat(qr.get("width")).as("drawn at 128 px").isEqualTo(128L);
		assertThat(((Number) qr.get("dark")).doubleValue()).as("share of dark pixels").isBetween(0.25, 0.75);
		assertThat(qr.get("url")).as("each code its own QR code").isNotEqualTo(qrPixels(second).get("url"));
		browser.screenshot("settings-invite-copied");
	}

	private Map<?, ?> qrPixels(String code) {
		WebElement canvas = browser.control("QR code of invite " + code).findElement(By.tagName("canvas"));
		return (Map<?, ?>) browser.script("""
				const c = arguments[0];
				const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
				let dark = 0;
				for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) dark++;
				return { width: c.width, dark: dark / (c.width * c.height), url: c.toDataURL() };""", canvas);
	}

	@Test
	void theOverviewAsksForItsGroupsBeforeAnyTabsCodeLoads() {
		String owner = user("owner");
		for (int i = 0; i < 3; i++) {
			String groupId = createGroup(owner, "FAN");
			postText(owner, groupId, "hello " + i);
		}
		signIn(owner, "");
		browser.awaitText(By.tagName("main"), "3 groups you run");
		String watcher = browser.onNewDocument("""
				new MutationObserver((changes, observer) => {
				  if (document.querySelector('[data-group-id]')) {
				    window.__groupsShownAt = performance.now();
				    observer.disconnect();
				  }
				}).observe(document, { childList: true, subtree: true });""");
		try {
			browser.cdp("Network.clearBrowserCache", Map.of());
			List<Long> cold = loadOverview();
			List<Long> warm = loadOverview();
			// the figures are reported, not asserted (speed is measured, never a timed
			// test: a loaded CI machine once took 1,020 ms); what keeps them low is
			// asserted
			System.out.printf("Dashboard overview load (3 groups): cold cache load event %d ms, groups shown %d ms;"
					+ " warm cache %d ms, %d ms%n", cold.get(0), cold.get(1), warm.get(0), warm.get(1));
			assertThat(cold).as("cold cache: load event, groups shown (ms)")
				.allSatisfy(ms -> assertThat(ms).isPositive());
			@SuppressWarnings("unchecked")
			List<String> fetched = (List<String>) browser.script("return performance.getEntriesByType('resource')"
					+ ".slice().sort((a, b) => a.startTime - b.startTime).map(e => new URL(e.name).pathname)");
			int groups = fetched.indexOf("/api/v1/groups");
			assertThat(groups).as("the overview asks for the groups: %s", fetched).isNotNegative();
			assertThat(fetched.subList(0, groups)).as("what the overview fetched before it asked for the groups")
				.anyMatch(path -> path.endsWith("/overview.js"))
				.noneMatch(path -> path.matches(".*/(audit|insights|live|members|reports|settings)\\.js"));
		}
		finally {
			browser.forgetNewDocumentScript(watcher);
		}
	}

	/** Opens the overview and answers the load event's end and when the groups showed. */
	private List<Long> loadOverview() {
		browser.open("http://localhost:" + port + "/dashboard");
		Number shown = browser.await(d -> (Number) browser.script("return window.__groupsShownAt ?? null"));
		Number loaded = browser.await(d -> (Number) browser
			.script("const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd || null"));
		System.out.println("Dashboard overview timeline: " + browser.script("return performance"
				+ ".getEntriesByType('resource').map(e => new URL(e.name).pathname + ' ' + Math.round(e.startTime)"
				+ " + '-' + Math.round(e.responseEnd)).join('; ')"));
		return List.of(loaded.longValue(), shown.longValue());
	}

}
