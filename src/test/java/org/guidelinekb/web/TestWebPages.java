package org.guidelinekb.web;

import static org.guidelinekb.web.BrowserLib.assertNoConsoleErrors;
import static org.guidelinekb.web.BrowserLib.screenshot;
import static org.guidelinekb.web.BrowserLib.waitFor;
import static org.guidelinekb.web.BrowserLib.waitForText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The read-only pages in headless Chromium over the real server with the bundled content: home, a version page with
 * its history link, the evidence page with its forest plot, and Fuseki's SPARQL query UI. Each page is checked as a
 * person would see it, its browser console must stay free of errors (script errors, blocked by the
 * Content-Security-Policy), and a screenshot is saved under the build folder's screenshots/.
 */
class TestWebPages {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(AppConfig::forTests);
    private static ChromeDriver driver;

    @BeforeAll static void start() {
        driver = BrowserLib.start();
    }

    @BeforeEach void forget_the_console_of_earlier_pages() {
        BrowserLib.consoleErrors(driver);
    }

    @AfterAll static void stop() {
        if (driver != null) BrowserLib.stop(driver);
    }

    @Test void home_page_lists_nccn_2015_and_6_2026_with_status_and_dates_and_links_to_every_tool() {
        driver.get(server.url("/"));
        waitForText(driver, By.id("status"), "loaded");
        WebElement nccn = driver.findElement(By.cssSelector("section[data-guideline='nccn-breast']"));
        String v2015 = nccn.findElement(By.cssSelector("tr[data-version='2015']")).getText();
        String v2026 = nccn.findElement(By.cssSelector("tr[data-version='6.2026']")).getText();
        assertTrue(v2015.contains("Version 2015") && v2015.contains("retired") && v2015.contains("2015 (year only)"), v2015);
        assertTrue(v2026.contains("Version 6.2026") && v2026.contains("active") && v2026.contains("2026-07-29"), v2026);
        assertTrue(v2026.contains("Compare 2015 → 6.2026"), v2026);
        for (String href : List.of("/ui/", "/api/docs", "/compare", "/evaluate", "/guidelines/nccn-breast/versions/2015")) {
            assertFalse(driver.findElements(By.cssSelector("a[href='" + href + "']")).isEmpty(), "a link to " + href);
        }
        WebElement question = waitFor(driver, d -> d.findElements(By.cssSelector("#questions a")).stream().findFirst().orElse(null));
        assertEquals("What is the role of breast cancer surgery in the metastatic setting?", question.getText());
        assertEquals(server.url("/questions/mbc-primary-surgery/evidence"), question.getAttribute("href"));
        screenshot(driver, "home");
        // keyboard: the first Tab reaches the skip link, which is shown with a visible focus outline
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = driver.switchTo().activeElement();
        assertEquals("Skip to content", focused.getText());
        assertFalse(focused.getCssValue("outline-style").equals("none"), "focus is visible");
        assertNoConsoleErrors(driver, "/");
    }

    @Test void pages_are_served_with_a_strict_content_security_policy_at_clean_urls() {
        Http http = server.http();
        for (String path : List.of("/", "/guidelines/nccn-breast/versions/2015", "/compare", "/evaluate", "/evidence",
                "/questions/mbc-primary-surgery/evidence", "/recommendations/nccn-breast/systemic-therapy-primary/history")) {
            HttpResponse<String> r = http.get(path);
            assertEquals(200, r.statusCode(), path);
            assertTrue(Http.contentType(r).startsWith("text/html"), path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe"), path + ": " + csp);
            assertFalse(r.body().contains("onclick") || r.body().contains("<script>") || r.body().contains("style="),
                    path + " has inline script or style");
        }
        assertEquals(404, http.get("/web/no-such-file.js").statusCode());
        HttpResponse<String> escape = http.get("/web/..%2Fopenapi%2Froutes.json");
        assertTrue(escape.statusCode() == 400 || escape.statusCode() == 404, "no file outside web/: " + escape.statusCode());
    }

    @Test void version_page_shows_statements_by_question_with_quote_criteria_evidence_provenance_and_history() {
        driver.get(server.url("/guidelines/nccn-breast/versions/2015"));
        waitForText(driver, By.id("status"), "Version 2015 loaded");
        assertTrue(driver.findElement(By.tagName("h1")).getText().contains("version 2015"));
        assertEquals("NCCN Guidelines: Breast Cancer, version 2015 — retired, superseded in this knowledge base by version 6.2026",
                driver.findElement(By.id("version-status")).getText(), "the first line under the title says the version is retired");
        WebElement group = driver.findElement(By.cssSelector("section.question-group"));
        assertTrue(group.findElement(By.tagName("h3")).getText()
                .contains("What is the role of breast cancer surgery in the metastatic setting?"));
        WebElement surgery = driver.findElement(By.cssSelector("article[data-recommendation='palliative-primary-surgery']"));
        String text = surgery.getText();
        for (String shown : List.of("with consideration of surgery after initial systemic treatment", "Surgery of the primary tumour",
                "Consider", "2A", "complete local clearance of tumour can be obtained", "lifeThreateningMetastaticDisease is false",
                "Any of these", "Source deck", "History of this recommendation")) {
            assertTrue(text.contains(shown), "the surgery statement shows '" + shown + "':\n" + text);
        }
        assertFalse(text.contains("primary tumor surgery"), "the action by its label, not its code:\n" + text);
        String informative = driver.findElement(By.cssSelector("article[data-recommendation='reconstructive-surgeon-collaboration']")).getText();
        assertTrue(informative.contains("Informative (the source states a fact or context; not a recommendation for or against)"), informative);
        assertFalse(surgery.findElements(By.cssSelector("a[href^='/api/resource?iri=']")).isEmpty(), "evidence links");
        // provenance: opening the chain loads it (keyboard: Enter on the summary)
        surgery.findElement(By.tagName("summary")).sendKeys(Keys.ENTER);
        waitFor(driver, d -> surgery.getText().contains("encoding activity") ? true : null);
        assertTrue(surgery.getText().contains("source document"));
        screenshot(driver, "version-nccn-2015");
        assertNoConsoleErrors(driver, "version page");

        surgery.findElement(By.linkText("History of this recommendation across versions")).click();
        waitForText(driver, By.id("status"), "History loaded");
        String history = driver.findElement(By.id("history")).getText();
        assertTrue(history.contains("Version 2015") && history.contains("Version 6.2026 (active): not covered"), history);
        screenshot(driver, "history-palliative-primary-surgery");
        assertNoConsoleErrors(driver, "history page");
    }

    @Test void evidence_page_plots_one_row_per_trial_with_its_ci_level_and_the_pooled_estimates_apart() {
        driver.get(server.url("/questions/mbc-primary-surgery/evidence"));
        waitForText(driver, By.id("status"), "forest plot of");
        assertEquals(8, driver.findElements(By.cssSelector("#studies-table tbody tr")).size(), "studies and syntheses");
        assertTrue(driver.findElement(By.id("answer")).getText().contains("Very limited"));

        // the trials plotted are exactly the studies with a whole-population, latest overall-survival hazard ratio
        JsonNode rows = Http.json(server.http().get("/api/queries/list-question-os-hazard-ratios?limit=1000"))
                .path("results").path("bindings");
        Set<String> expectedTrials = new TreeSet<>();
        for (JsonNode r : rows) {
            if (r.path("evidenceType").path("value").asText().equals("Study") && r.path("subgroup").isMissingNode()
                    && r.path("supersededBy").isMissingNode()) {
                String iri = r.path("evidence").path("value").asText();
                expectedTrials.add(iri.substring(iri.lastIndexOf('/') + 1));
            }
        }
        List<WebElement> trials = driver.findElements(By.cssSelector("svg.forest-plot g.fp-row[data-kind='trial']"));
        Set<String> plotted = trials.stream().map(t -> t.getAttribute("data-evidence")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("abcsg-28-posytive", "badwe-2015", "e2108", "jcog1017", "mf07-01"), plotted, "one row per trial");
        assertEquals(expectedTrials, plotted);
        assertEquals(trials.size(), plotted.size(), "no trial twice");
        List<WebElement> pooled = driver.findElements(By.cssSelector("svg.forest-plot g.fp-row[data-kind='pooled']"));
        assertEquals(Set.of("cochrane-2018", "reinhorn-2021"),
                pooled.stream().map(t -> t.getAttribute("data-evidence")).collect(Collectors.toSet()));

        // the CI level is written on each row: 90% for E2108 and JCOG1017, 95% for the others
        for (WebElement t : trials) {
            String trial = t.getAttribute("data-evidence");
            String expected = Set.of("e2108", "jcog1017").contains(trial) ? "90% CI" : "95% CI";
            for (WebElement level : t.findElements(By.cssSelector(".fp-level"))) assertEquals(expected, level.getText(), trial);
        }
        WebElement e2108 = row(trials, "e2108");
        assertEquals("HR 1.11 (0.82–1.52)", e2108.findElement(By.cssSelector(".fp-value")).getText());
        assertEquals("1.11", e2108.findElement(By.cssSelector(".fp-estimate")).getAttribute("data-value"));
        // ABCSG-28: the direction of its HR is unverified in the knowledge base, and the row says so
        WebElement abcsg = row(trials, "abcsg-28-posytive");
        assertTrue(abcsg.findElement(By.cssSelector(".fp-flag")).getText().contains("direction unverified"));
        assertTrue(row(trials, "badwe-2015").findElements(By.cssSelector(".fp-flag")).isEmpty());
        // the line of no effect, the log axis, and which side favours surgery
        assertEquals(1, driver.findElements(By.cssSelector("svg.forest-plot .fp-no-effect")).size());
        assertTrue(driver.findElement(By.cssSelector(".fp-favours-low")).getText().contains("Favours surgery / locoregional treatment"));
        assertTrue(driver.findElement(By.cssSelector("svg.forest-plot")).getText().contains("Hazard ratio (log scale)"));
        // the table lists every hazard ratio, with why the others are not plotted
        String table = driver.findElement(By.id("hr-rows")).getText();
        assertTrue(table.contains("subgroup: Age < 55 years") && table.contains("no: superseded by a later report"), table);
        screenshot(driver, "evidence-forest-plot");
        assertNoConsoleErrors(driver, "evidence page");
    }

    private static String read(String file) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static WebElement row(List<WebElement> rows, String evidence) {
        return rows.stream().filter(r -> evidence.equals(r.getAttribute("data-evidence"))).findFirst()
                .orElseThrow(() -> new AssertionError("no plot row for " + evidence));
    }

    @Test void the_sparql_query_ui_runs_a_typed_query_and_shows_the_results() {
        driver.get(server.url("/ui/#/dataset/kb/query"));
        waitFor(driver, d -> BrowserLib.js(d, "return !!document.querySelector('.CodeMirror') && !!document.querySelector('.CodeMirror').CodeMirror;"));
        String query = read("src/test/resources/web/ui-query.rq");
        // typing into the editor is unreliable in CodeMirror; set its text as a person's paste would
        BrowserLib.js(driver, "document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0]);", query);
        driver.findElement(By.cssSelector(".yasqe_queryButton")).click();
        WebElement results = waitFor(driver, d -> d.findElements(By.cssSelector(".yasr table")).stream()
                .filter(t -> t.getText().contains("Badwe 2015 (Tata Memorial)")).findFirst().orElse(null));
        assertTrue(results.getText().contains("ECOG-ACRIN E2108"), results.getText());
        screenshot(driver, "sparql-query-ui");
    }
}
