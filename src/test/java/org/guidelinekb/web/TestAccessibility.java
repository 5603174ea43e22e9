package org.guidelinekb.web;

import static org.guidelinekb.web.BrowserLib.waitForText;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * axe-core (Deque's Selenium integration, axe.min.js bundled in the jar, so no network at test time) over the pages
 * of ours: 0 WCAG 2.1 A/AA violations on /, a version page, /compare, /evaluate (form, result and re-run) and the
 * evidence page (issue 20).
 */
class TestAccessibility {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(AppConfig::forTests);
    private static ChromeDriver driver;

    private static final List<String> WCAG_21_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @BeforeAll static void start() {
        driver = BrowserLib.start();
    }

    @AfterAll static void stop() {
        if (driver != null) BrowserLib.stop(driver);
    }

    private static void assertNoViolations(String page) {
        Results r = new AxeBuilder().withTags(WCAG_21_A_AA).analyze(driver);
        assertTrue(r.getErrorMessage() == null, page + ": axe did not run: " + r.getErrorMessage());
        assertTrue(!r.getPasses().isEmpty(), page + ": axe checked nothing");
        List<Rule> violations = r.getViolations();
        assertTrue(violations.isEmpty(), page + ": " + violations.stream()
                .map(v -> v.getId() + " (" + v.getHelp() + ") at " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList())
                .collect(Collectors.joining("; ")));
    }

    private static void open(String path, String statusText) {
        driver.get(server.url(path));
        waitForText(driver, By.id("status"), statusText);
    }

    @Test void home_version_compare_evidence_and_history_pages_have_no_wcag_violations() {
        open("/", "loaded");
        assertNoViolations("/");
        open("/guidelines/nccn-breast/versions/2015", "Version 2015 loaded");
        assertNoViolations("version page");
        open("/compare?guideline=nccn-breast&from=2015&to=6.2026", "Compared");
        assertNoViolations("/compare");
        open("/compare?guideline=nccn-breast&from=6.2026&to=2015", "Compared");
        assertNoViolations("/compare (swapped)");
        open("/questions/mbc-primary-surgery/evidence", "forest plot of");
        assertNoViolations("evidence page");
        open("/recommendations/nccn-breast/palliative-primary-surgery/history", "History loaded");
        assertNoViolations("history page");
    }

    @Test void the_evaluate_page_has_no_wcag_violations_with_its_result_and_re_run() {
        open("/evaluate?guideline=nccn-breast&version=2015", "case attributes loaded");
        assertNoViolations("/evaluate (form)");
        driver.findElement(By.id("attr-metastatic-true")).click();
        driver.findElement(By.id("attr-primaryTumorIntact-true")).click();
        driver.findElement(By.id("evaluate-button")).click();
        waitForText(driver, By.id("status"), "Evaluated");
        assertNoViolations("/evaluate (result)");
        driver.findElement(By.id("replay-button")).click();
        waitForText(driver, By.id("replay-status"), "Compared");
        assertNoViolations("/evaluate (re-run)");
    }
}
