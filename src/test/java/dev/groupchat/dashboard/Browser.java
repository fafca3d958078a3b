package dev.groupchat.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's headless Chromium driven through its chromedriver (nothing is
 * downloaded). Without them the browser tests are skipped with a message, except under
 * {@code CI=true}, where they fail.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

	private final WebDriver driver;

	private final Path profile;

	private Browser(WebDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	static Browser startOrSkip() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String message = "Chromium browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
					+ " (apt-get install -y chromium chromium-driver)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(message + "; CI=true, so they may not be skipped");
			}
			Assumptions.abort(message + "; skipping the dashboard browser tests");
		}
		Path profile = Files.createTempDirectory("dashboard-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toString());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile, "--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		WebDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
		Files.createDirectories(SCREENSHOTS);
		return new Browser(driver, profile);
	}

	WebDriver driver() {
		return driver;
	}

	void open(String url) {
		driver.get(url);
	}

	void size(int width, int height) {
		driver.manage().window().setSize(new Dimension(width, height));
	}

	<T> T await(Function<WebDriver, T> condition) {
		return new WebDriverWait(driver, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(100))
			.ignoring(StaleElementReferenceException.class) // a list re-rendered while
															// looked at: look again
			.until(condition);
	}

	/**
	 * The control a screen reader would announce with this name (aria-label or its
	 * label).
	 */
	WebElement control(String name) {
		return await(d -> {
			if (!d.findElements(By.cssSelector("[aria-busy='true']")).isEmpty()) {
				return null; // a list is being reloaded: its controls are about to be
								// replaced
			}
			List<WebElement> labelled = d
				.findElements(By.cssSelector("[aria-label=\"" + name.replace("\"", "\\\"") + "\"]"));
			if (!labelled.isEmpty() && labelled.getFirst().isDisplayed()) {
				return labelled.getFirst();
			}
			for (WebElement label : d.findElements(By.tagName("label"))) {
				if (name.equals(label.getText().strip()) && label.getAttribute("for") != null) {
					return d.findElement(By.id(label.getAttribute("for")));
				}
			}
			for (WebElement button : d.findElements(By.tagName("button"))) {
				if (name.equals(button.getText().strip()) && button.isDisplayed()) {
					return button;
				}
			}
			return null;
		});
	}

	void click(String name) {
		for (int attempt = 1;; attempt++) {
			try {
				WebElement control = control(name);
				await(d -> control.isEnabled());
				control.click();
				return;
			}
			catch (StaleElementReferenceException ex) {
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Waits until the page shows the text somewhere and answers the element that holds
	 * it.
	 */
	WebElement awaitText(By where, String text) {
		return await(
				d -> d.findElements(where).stream().filter(e -> e.getText().contains(text)).findFirst().orElse(null));
	}

	Object script(String script, Object... args) {
		return ((JavascriptExecutor) driver).executeScript(script, args);
	}

	/** A Chrome DevTools Protocol command, for what WebDriver itself cannot do. */
	Map<String, Object> cdp(String command, Map<String, Object> parameters) {
		return ((HasCdp) driver).executeCdpCommand(command, parameters);
	}

	/**
	 * Runs the script in every document this browser opens from now on, before the page's
	 * own scripts (and outside its Content-Security-Policy); answers an id for
	 * {@link #forgetNewDocumentScript}.
	 */
	String onNewDocument(String source) {
		return cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source)).get("identifier").toString();
	}

	void forgetNewDocumentScript(String id) {
		cdp("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id));
	}

	/** Lets the page at this origin write and read the clipboard without a prompt. */
	void grantClipboard(String origin) {
		cdp("Browser.grantPermissions",
				Map.of("origin", origin, "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
	}

	void screenshot(String name) {
		try {
			Files.write(SCREENSHOTS.resolve(name + ".png"),
					((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("could not save screenshot " + name + ": " + ex.getMessage());
		}
	}

	@Override
	public void close() {
		driver.quit();
		try (var files = Files.walk(profile)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// a leftover temporary profile is harmless
		}
	}

}
