package org.guidelinekb.web;

import static org.guidelinekb.web.BrowserLib.waitFor;
import static org.guidelinekb.web.BrowserLib.waitForText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The question-level comparison page and the evidence timeline in headless Chromium, on the shipped content; and the
 * statement-level compare of the NCCN pair, where nothing lines up, leading to the question-level one.
 */
class TestQuestionPages {
    private static TestServer server;
    private static ChromeDriver driver;

    @BeforeAll static void start() {
        server = TestServer.start();
        driver = BrowserLib.start();
    }

    @BeforeEach void forget_the_console_of_earlier_pages() {
        BrowserLib.consoleErrors(driver);
    }

    @AfterAll static void stop() {
        try {
            if (driver != null) BrowserLib.stop(driver);
        } finally {
            if (server != null) server.close();
        }
    }

    @Test void question_compare_page_sets_palliative_surgery_2015_beside_routine_lrt_v6_2026() {
        driver.get(server.url("/questions/mbc-primary-surgery/compare?versions=nccn-breast%402015%2Cnccn-breast%406.2026%2Cnci-pdq-breast%402025-12-30"));
        waitForText(driver, By.id("status"), "Loaded");
        WebElement group = driver.findElement(By.cssSelector(".question-group[data-action='locoregional-therapy-of-primary']"));
        assertFalse(group.findElements(By.cssSelector("td[data-version='nccn-breast@2015'] .q-statement[data-statement$='/palliative-primary-surgery']")).isEmpty());
        assertFalse(group.findElements(By.cssSelector("td[data-version='nccn-breast@6.2026'] .q-statement[data-statement$='/routine-lrt-no-proven-survival-benefit']")).isEmpty());
        String differences = group.findElement(By.cssSelector(".differences")).getText();
        assertTrue(differences.contains("nccn-breast 2015 advises considering"), differences);
        assertTrue(differences.contains("has not been shown to improve survival"), differences);
        String versions = driver.findElement(By.id("versions-list")).getText();
        assertTrue(versions.contains("known only to the year"), versions);
        assertTrue(versions.contains("BINV-21"), versions);
        // the timeline: Badwe is in unknown order relative to NCCN 2015, E2108 is dated by its Epub, the JCOG1017 paper is apart
        WebElement badwe = waitFor(driver, d -> d.findElements(By.cssSelector("svg.timeline g.tl-pub[data-publication='badwe-2015-lancet-oncol']"))
                .stream().findFirst().orElse(null));
        assertTrue(badwe.getAttribute("data-positions").contains("nccn-breast@2015=order-unknown"), badwe.getAttribute("data-positions"));
        assertTrue(driver.findElement(By.cssSelector("#timeline-table tr[data-publication='khan-2022-j-clin-oncol']")).getText().contains("2022-01-07"));
        assertTrue(driver.findElement(By.id("timeline-undated")).getText().contains("year not verified"));
        assertTrue(driver.findElements(By.cssSelector("svg.timeline g.tl-pub[data-publication='jcog1017-full']")).isEmpty());
        BrowserLib.assertNoConsoleErrors(driver, "question compare");
    }

    @Test void statement_level_compare_links_to_the_question_level_compare_when_nothing_lines_up() {
        driver.get(server.url("/compare?guideline=nccn-breast&from=2015&to=6.2026"));
        waitForText(driver, By.id("summary"), "8 not covered");
        WebElement link = driver.findElement(By.cssSelector("#coverage-note a.question-compare-link"));
        assertTrue(link.getText().contains("mbc-primary-surgery"), link.getText());
        link.click();
        waitForText(driver, By.id("status"), "Loaded");
        assertTrue(driver.getCurrentUrl().contains("/questions/mbc-primary-surgery/compare"), driver.getCurrentUrl());
        List<WebElement> cols = driver.findElements(By.cssSelector(".question-group[data-action='locoregional-therapy-of-primary'] td[data-version]"));
        assertEquals(2, cols.size());
        BrowserLib.assertNoConsoleErrors(driver, "compare → question compare");
    }

    @Test void evidence_page_shows_the_timeline_and_one_jcog1017_row_in_the_forest_plot() {
        driver.get(server.url("/questions/mbc-primary-surgery/evidence"));
        waitForText(driver, By.id("status"), "timeline of");
        assertFalse(driver.findElements(By.cssSelector("svg.timeline g.tl-pub")).isEmpty());
        List<WebElement> jcogPlotted = driver.findElements(By.cssSelector("#hr-rows tr[data-plotted='yes'][data-finding^='os-hr']"))
                .stream().filter(r -> r.getText().contains("JCOG1017")).toList();
        assertEquals(1, jcogPlotted.size(), "one JCOG1017 overall-survival estimate in the plot");
        assertTrue(driver.findElement(By.cssSelector("#hr-rows tr[data-finding='os-hr-asco-2023']")).getText()
                .contains("earlier report of the same analysis"));
        BrowserLib.assertNoConsoleErrors(driver, "evidence");
    }

    @Test void version_page_says_each_evidence_link_is_attached_by_curators_not_cited() {
        driver.get(server.url("/guidelines/nccn-breast/versions/2015"));
        waitForText(driver, By.id("status"), "Version 2015 loaded");
        List<WebElement> links = driver.findElements(By.cssSelector(".evidence-list li"));
        assertFalse(links.isEmpty());
        // the 2015 text as quoted cites none of the trials linked to it (E2108, Cochrane 2018, Reinhorn 2021 are later)
        for (WebElement li : links) {
            assertEquals("attached", li.getAttribute("data-link"), li.getText());
            assertTrue(li.getText().contains("attached by curators (not cited by the guideline)"), li.getText());
        }
        BrowserLib.assertNoConsoleErrors(driver, "version");
    }
}
