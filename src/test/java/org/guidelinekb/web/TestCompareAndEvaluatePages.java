package org.guidelinekb.web;

import static org.guidelinekb.web.BrowserLib.assertNoConsoleErrors;
import static org.guidelinekb.web.BrowserLib.screenshot;
import static org.guidelinekb.web.BrowserLib.waitFor;
import static org.guidelinekb.web.BrowserLib.waitForText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The compare and evaluate flows in headless Chromium, clicked through as a person would. The comparison uses two
 * invented versions published through the API (src/test/resources/web/web-test-*.ttl: one statement added, one
 * removed, one modified, one not covered), and the shipped NCCN pair, which encodes different parts of the guideline.
 */
class TestCompareAndEvaluatePages {
    private static final String TOKEN = "t";
    private static final Path FIXTURES = Path.of("src/test/resources/web");
    @RegisterExtension
    static final RunningServer server = RunningServer.with(() -> AppConfig.forTests().toBuilder().adminToken(TOKEN).build());
    private static ChromeDriver driver;

    @BeforeAll static void start() {
        for (String v : List.of("1", "2")) {
            var created = server.http().post("/api/guidelines/web-test/versions", "text/turtle", read("web-test-" + v + ".ttl"),
                    "Authorization", "Bearer " + TOKEN);
            assertEquals(201, created.statusCode(), created.body());
            var published = server.http().post("/api/guidelines/web-test/versions/" + v + "/publish", "text/plain", "",
                    "Authorization", "Bearer " + TOKEN);
            assertEquals(200, published.statusCode(), published.body());
        }
        driver = BrowserLib.start();
    }

    @BeforeEach void forget_the_console_of_earlier_pages() {
        BrowserLib.consoleErrors(driver);
    }

    @AfterAll static void stop() {
        if (driver != null) BrowserLib.stop(driver);
    }

    private static String read(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WebElement row(String kind, String recommendation) {
        return driver.findElement(By.cssSelector(".compare-row[data-kind='" + kind + "'][data-recommendation$='/" + recommendation + "']"));
    }

    @Test void compare_page_marks_added_removed_modified_and_not_covered_in_colour_and_in_words() {
        driver.get(server.url("/compare?guideline=web-test&from=1&to=2"));
        waitForText(driver, By.id("status"), "Compared");
        assertEquals("1 added, 1 removed, 1 modified, 1 unchanged, 1 not covered by the other version's coverage.",
                driver.findElement(By.id("summary")).getText());
        WebElement added = row("added", "shared-decision");
        assertTrue(added.findElement(By.cssSelector(".cell[data-side='to']")).getText().contains("Added in 2"), added.getText());
        assertTrue(added.getText().contains("Shared decision-making (invented)"));
        WebElement removed = row("removed", "radiation-old");
        assertTrue(removed.findElement(By.cssSelector(".cell[data-side='from']")).getText().contains("Removed in 2"));
        WebElement modified = row("modified", "surgery-symptomatic");
        WebElement category = modified.findElement(By.cssSelector("tr[data-field='category']"));
        assertEquals("2A", category.findElement(By.tagName("del")).getText());
        assertEquals("2B", category.findElement(By.tagName("ins")).getText());
        WebElement notCovered = row("not-covered", "oligo-discussion");
        assertTrue(notCovered.findElement(By.cssSelector(".cell[data-side='to']")).getText().contains("Not covered by version 1's coverage"));
        assertTrue(notCovered.findElement(By.cssSelector(".cell[data-side='from']")).getText().contains("does not cover section"));
        // colour as well as words: each kind has its own colour
        List<String> colours = new ArrayList<>();
        for (WebElement r : List.of(added, removed, modified, notCovered)) {
            colours.add(r.findElement(By.cssSelector(".badge")).getCssValue("background-color"));
        }
        assertEquals(4, colours.stream().distinct().count(), "four colours: " + colours);
        // the coverage of each version is shown at the head of its column
        assertTrue(driver.findElement(By.cssSelector(".col-head[data-side='to']")).getText().contains("Section B: oligometastatic disease"));
        screenshot(driver, "compare-web-test-1-2");
        assertNoConsoleErrors(driver, "compare page");
    }

    @Test void compare_page_says_honestly_that_the_shipped_nccn_pair_encodes_different_parts() {
        // start on another guideline, then choose the NCCN pair in the form and press Compare
        driver.get(server.url("/compare?guideline=web-test&from=1&to=2"));
        waitForText(driver, By.id("summary"), "1 added");
        new Select(driver.findElement(By.id("guideline"))).selectByValue("nccn-breast");
        waitFor(driver, d -> new Select(d.findElement(By.id("from"))).getOptions().stream()
                .anyMatch(o -> o.getAttribute("value").equals("2015")) ? true : null);
        new Select(driver.findElement(By.id("from"))).selectByValue("2015");
        new Select(driver.findElement(By.id("to"))).selectByValue("6.2026");
        driver.findElement(By.cssSelector("#choose button[type='submit']")).click();
        waitForText(driver, By.id("summary"), "8 not covered");
        assertTrue(driver.getCurrentUrl().endsWith("/compare?guideline=nccn-breast&from=2015&to=6.2026"), driver.getCurrentUrl());
        assertTrue(driver.findElement(By.id("coverage-note")).getText().contains("encode different parts of the guideline"));
        List<WebElement> rows = driver.findElements(By.cssSelector(".compare-row"));
        assertEquals(8, rows.size());
        assertTrue(rows.stream().allMatch(r -> "not-covered".equals(r.getAttribute("data-kind"))));
        assertTrue(row("not-covered", "palliative-primary-surgery").getText().contains("Not covered by version 6.2026's coverage"));
        assertTrue(driver.findElement(By.cssSelector(".col-head[data-side='from']")).getText().contains("SURGERY WITH METASTATIC DISEASE"));
        assertTrue(driver.findElement(By.cssSelector(".col-head[data-side='to']")).getText().contains("BINV-21"));
        screenshot(driver, "compare-nccn-2015-6.2026");
        assertNoConsoleErrors(driver, "compare page (NCCN)");
    }

    private void openEvaluate() {
        driver.get(server.url("/evaluate?guideline=nccn-breast&version=2015"));
        waitForText(driver, By.id("status"), "case attributes loaded");
    }

    private static void yes(String attribute, String value) {
        driver.findElement(By.id("attr-" + attribute + "-" + value)).click();
    }

    private static JsonNode sentCase() {
        String json = (String) BrowserLib.js(driver, "return document.querySelector('#result details pre').textContent;");
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test void the_form_has_one_field_per_case_attribute_of_the_api_and_everything_starts_unknown() {
        openEvaluate();
        JsonNode attributes = Http.json(server.http().get("/api/case-attributes"));
        Map<String, String> expected = new TreeMap<>();
        for (JsonNode a : attributes) if (!a.path("derived").asBoolean()) expected.put(a.get("name").asText(), a.get("type").asText());
        Map<String, String> shown = new TreeMap<>();
        for (WebElement f : driver.findElements(By.cssSelector("#attributes [data-attribute]"))) {
            shown.put(f.getAttribute("data-attribute"), f.getAttribute("data-type"));
        }
        assertEquals(expected, shown);
        for (WebElement unknown : driver.findElements(By.cssSelector("#attributes input[type='radio'][value='']"))) {
            assertTrue(unknown.isSelected(), "booleans start as unknown");
        }
        assertEquals("0", driver.findElement(By.id("attr-age")).getAttribute("min"));
        assertEquals("130", driver.findElement(By.id("attr-age")).getAttribute("max"));
        // a list: "known: none" and the values exclude each other; nothing ticked means unknown
        driver.findElement(By.id("attr-primarySymptoms-none")).click();
        driver.findElement(By.id("attr-primarySymptoms-pain")).click();
        assertFalse(driver.findElement(By.id("attr-primarySymptoms-none")).isSelected());
        driver.findElement(By.id("attr-primarySymptoms-none")).click();
        assertFalse(driver.findElement(By.id("attr-primarySymptoms-pain")).isSelected());
        driver.findElement(By.id("evaluate-button")).click();
        waitForText(driver, By.id("status"), "Evaluated");
        JsonNode sent = sentCase();
        assertEquals(1, sent.size(), "only what is known is sent: " + sent);
        assertTrue(sent.get("primarySymptoms").isArray() && sent.get("primarySymptoms").isEmpty(), "known: none is []");
        assertNoConsoleErrors(driver, "evaluate page");
        // a value out of range: the server's answer is said in words, naming the attribute
        driver.findElement(By.id("attr-age")).sendKeys("200");
        driver.findElement(By.id("evaluate-button")).click();
        WebElement status = waitForText(driver, By.id("status"), "age");
        assertTrue(status.getAttribute("class").contains("error"), status.getText());
        BrowserLib.consoleErrors(driver); // the 400 of that request is logged by the browser; it is the point of this step
    }

    @Test void a_symptomatic_resectable_case_shows_surgery_applicable_in_2015_and_replays_against_6_2026() {
        openEvaluate();
        yes("metastatic", "true");
        yes("primaryTumorIntact", "true");
        yes("initialSystemicTherapyReceived", "true");
        yes("primarySymptoms", "bleeding");
        yes("completeLocalClearanceFeasible", "true");
        yes("lifeThreateningMetastaticDisease", "false");
        driver.findElement(By.id("evaluate-button")).click();
        waitForText(driver, By.id("status"), "Evaluated");
        assertEquals(6, sentCase().size(), "six attributes known, nothing else sent");
        WebElement applicable = driver.findElement(By.cssSelector("section[data-group='applicable']"));
        WebElement surgery = applicable.findElement(By.cssSelector("article[data-action='primary-tumor-surgery']"));
        assertTrue(surgery.getText().contains("Applicable"), surgery.getText());
        assertTrue(surgery.findElement(By.cssSelector(".reasons")).getText().contains("Complete local clearance feasible: yes — needed: yes (met)."));
        assertEquals(driver.findElement(By.id("result-h")), driver.switchTo().activeElement(), "focus moves to the result");
        screenshot(driver, "evaluate-nccn-2015-applicable");

        new Select(driver.findElement(By.id("replay-to"))).selectByValue("6.2026");
        driver.findElement(By.id("replay-button")).click();
        waitForText(driver, By.id("replay-status"), "Compared");
        WebElement change = driver.findElement(By.cssSelector("#replay-changes tr[data-recommendation='palliative-primary-surgery']"));
        assertTrue(change.getText().contains("Not covered by version 6.2026's coverage"), change.getText());
        assertTrue(change.getText().contains("Applicable") && change.getText().contains("not stated"), change.getText());
        String summary = driver.findElement(By.id("replay-summary")).getText();
        assertTrue(summary.startsWith("Same case, version 2015 → version 6.2026: 0 recommendations change for this patient; "), summary);
        assertTrue(summary.contains("only a difference in what each version encodes"), summary);
        assertTrue(driver.findElement(By.id("replay-coverage-note")).getText().contains("No clinical change"));
        screenshot(driver, "evaluate-replay-2015-to-6.2026");
        assertNoConsoleErrors(driver, "evaluate page (replay)");
    }

    @Test void missing_data_leaves_surgery_undetermined_and_names_what_would_decide_it() {
        openEvaluate();
        yes("metastatic", "true");
        yes("primaryTumorIntact", "true");
        yes("primarySymptoms", "pain");
        driver.findElement(By.id("evaluate-button")).click();
        waitForText(driver, By.id("status"), "Evaluated");
        WebElement surgery = driver.findElement(By.cssSelector("section[data-group='undetermined'] article[data-action='primary-tumor-surgery']"));
        String missing = surgery.findElement(By.cssSelector(".missing")).getText();
        for (String label : List.of("Complete local clearance feasible", "Initial systemic therapy received",
                "Other sites of disease immediately threatening to life")) {
            assertTrue(missing.contains(label), missing);
        }
        assertNotEquals(0, driver.findElements(By.cssSelector("section[data-group='applicable'] article")).size());
        screenshot(driver, "evaluate-nccn-2015-undetermined");
        assertNoConsoleErrors(driver, "evaluate page (missing data)");
    }

    /** Issue 20's acceptance: the first line says 2015 is retired; "Why" and "missing" speak labels; alternatives are one group. */
    @Test void metastatic_with_intact_primary_on_2015_reads_in_clinical_words() {
        openEvaluate();
        yes("metastatic", "true");
        yes("primaryTumorIntact", "true");
        driver.findElement(By.id("evaluate-button")).click();
        waitForText(driver, By.id("status"), "Evaluated");
        WebElement first = driver.findElement(By.cssSelector("#result > *"));
        assertTrue(first.getText().contains("version 2015 — retired, superseded in this knowledge base by version 6.2026"), first.getText());
        assertTrue(first.getText().startsWith("NCCN"), "the guideline by its title: " + first.getText());
        JsonNode attributes = Http.json(server.http().get("/api/case-attributes"));
        for (WebElement line : driver.findElements(By.cssSelector("#result .reasons li, #result .missing li"))) {
            for (JsonNode a : attributes) {
                String code = a.get("name").asText();
                assertFalse(!code.equals(code.toLowerCase(java.util.Locale.ROOT)) && line.getText().contains(code), "code " + code + " in: " + line.getText());
            }
        }
        WebElement surgery = driver.findElement(By.cssSelector("section[data-group='undetermined'] article[data-action='primary-tumor-surgery']"));
        List<String> missing = surgery.findElements(By.cssSelector(".missing li")).stream().map(WebElement::getText).toList();
        assertTrue(missing.contains("One of: impending local complications, or symptoms / local complications of the primary tumour"), missing.toString());
        assertEquals(1, surgery.findElements(By.linkText("Statement: Palliative surgery of the intact primary tumour after initial systemic therapy")).size());
        assertNoConsoleErrors(driver, "evaluate page (plain words)");
    }

    @Test void reversed_versions_are_swapped_with_a_notice() {
        driver.get(server.url("/compare?guideline=nccn-breast&from=6.2026&to=2015"));
        waitForText(driver, By.id("status"), "Compared");
        assertTrue(driver.findElement(By.id("swap-notice")).getText().contains("so they were swapped"));
        assertEquals("2015", new Select(driver.findElement(By.id("from"))).getFirstSelectedOption().getAttribute("value"));
        assertEquals("6.2026", new Select(driver.findElement(By.id("to"))).getFirstSelectedOption().getAttribute("value"));
        assertTrue(driver.findElement(By.id("summary-h")).getText().contains("Version 2015 → version 6.2026"));
        assertNoConsoleErrors(driver, "compare page (swapped)");
    }

    @Test void the_form_asks_in_clinical_order_with_help_in_words() {
        openEvaluate();
        List<String> order = driver.findElements(By.cssSelector("#attributes [data-attribute]")).stream()
                .map(f -> f.getAttribute("data-attribute")).toList();
        assertEquals(List.of("metastatic", "presentation", "metastaticSites"), order.subList(0, 3), "disease status and presentation first: " + order);
        assertTrue(order.indexOf("primaryTumorIntact") < order.indexOf("initialSystemicTherapyReceived")
                && order.indexOf("initialSystemicTherapyReceived") < order.indexOf("erStatus"), "primary tumour, treatment so far, receptors: " + order);
        for (WebElement help : driver.findElements(By.cssSelector("#attributes .help"))) {
            String text = help.getText();
            for (String code : List.of("true when", "[] =", "de-novo", "no-evidence-of-disease")) assertFalse(text.contains(code), code + " in: " + text);
        }
        Select response = new Select(driver.findElement(By.id("attr-responseToSystemicTherapy")));
        assertTrue(response.getOptions().stream().anyMatch(o -> o.getText().equals("No evidence of disease (NED)")), "values by their labels");
    }
}
