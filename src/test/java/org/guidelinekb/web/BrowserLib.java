package org.guidelinekb.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromedriver, for the web-page tests: one browser per test class, full-page
 * screenshots under {@code <build dir>/screenshots/}, and the browser console (script errors and Content-Security-Policy
 * violations show there) read after each page.
 */
final class BrowserLib {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(30);

    private BrowserLib() {}

    /** A new headless Chromium with its own throw-away profile folder. */
    static ChromeDriver start() {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the web-page tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver;"
                        + " ./gkb test installs them)");
        Path profile;
        try {
            profile = Files.createTempDirectory("gkb-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1366,900", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        return driver;
    }

    /** Quits the browser and deletes its throw-away profile folder. */
    static void stop(ChromeDriver driver) {
        Object chrome = driver.getCapabilities().getCapability("chrome");
        Object dir = chrome instanceof java.util.Map<?, ?> m ? m.get("userDataDir") : null;
        driver.quit();
        if (dir == null) return;
        try (var files = Files.walk(Path.of(dir.toString()))) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException e) {
            // a profile file still held by an exiting browser process: the folder stays in the temp dir
        }
    }

    static <T> T waitFor(WebDriver driver, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** Waits until the element's text contains {@code text}, and gives the element. */
    static WebElement waitForText(WebDriver driver, By by, String text) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class) // the page re-renders while loading
                .withMessage(() -> "waiting for '" + text + "' in " + by + " on " + driver.getCurrentUrl() + "; it shows: "
                        + shown(driver, by))
                .until(d -> {
                    List<WebElement> found = d.findElements(by);
                    return !found.isEmpty() && found.get(0).getText().contains(text) ? found.get(0) : null;
                });
    }

    private static List<String> shown(WebDriver driver, By by) {
        try {
            return driver.findElements(by).stream().map(WebElement::getText).toList();
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return List.of("(re-rendered while reading)");
        }
    }

    /** The folder for screenshots: {@code screenshots/} in the build folder (the parent of test-classes). */
    static Path screenshotDir() {
        try {
            Path classes = Path.of(BrowserLib.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = classes.getParent().resolve("screenshots");
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A screenshot of the whole page (the window is made as tall as the page first), saved as {@code name}.png. */
    static Path screenshot(ChromeDriver driver, String name) {
        Dimension before = driver.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0));");
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(Math.max(height + 140, 600), 9000)));
        try {
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Path file = screenshotDir().resolve(name + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** The severe console entries since the last call (script errors, failed requests, CSP violations). */
    static List<String> consoleErrors(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    static void assertNoConsoleErrors(WebDriver driver, String page) {
        List<String> errors = consoleErrors(driver);
        assertTrue(errors.isEmpty(), page + ": the browser console shows errors: " + errors);
    }

    static Object js(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
