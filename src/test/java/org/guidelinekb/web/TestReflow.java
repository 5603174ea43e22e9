package org.guidelinekb.web;

import static org.guidelinekb.web.BrowserLib.waitForText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Reflow (WCAG 1.4.10, issue 20): every page at 320 and 640 CSS px wide (640 px is 1280 px at 200% zoom) has no
 * horizontal scroll ({@code scrollWidth <= innerWidth}) and no text outside the viewport; a region that scrolls on
 * its own (overflow-x auto or scroll) may hold wider content.
 */
class TestReflow {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(AppConfig::forTests);
    private static ChromeDriver driver;

    /** Text nodes whose box leaves the viewport, outside a region that scrolls on its own; sr-only text (1 px boxes) aside. */
    private static final String TEXT_OUTSIDE = """
            const w = window.innerWidth, out = [];
            const scrolls = e => { for (let p = e; p && p !== document.body; p = p.parentElement) {
              const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              if (!n.textContent.trim() || !n.parentElement || scrolls(n.parentElement) || n.parentElement.closest('.skip-link')) continue; // the skip link waits off-screen until focused
              const r = document.createRange(); r.selectNodeContents(n);
              for (const b of r.getClientRects()) {
                if (b.width <= 1 || b.height <= 1) continue;
                if (b.right > w + 0.5 || b.left < -0.5) { out.push(n.textContent.trim().substring(0, 60) + ' [' + Math.round(b.left) + '..' + Math.round(b.right) + ']'); break; }
              }
            }
            return out;""";

    /** The innermost elements that reach past the right edge, to name the culprit in a failure. */
    private static final String WIDE = """
            const w = window.innerWidth;
            return [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > w + 0.5
              && ![...e.children].some(c => c.getBoundingClientRect().right > w + 0.5))
              .slice(0, 6).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width) + 'px');""";

    @BeforeAll static void start() {
        driver = BrowserLib.start();
    }

    @AfterAll static void stop() {
        if (driver != null) BrowserLib.stop(driver);
    }

    private static void width(int px) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", px, "height", 800, "deviceScaleFactor", 1, "mobile", false));
    }

    private static void check(String page, int px) {
        assertEquals((long) px, ((Number) BrowserLib.js(driver, "return window.innerWidth;")).longValue(), "viewport of " + page);
        long scroll = ((Number) BrowserLib.js(driver, "return document.documentElement.scrollWidth;")).longValue();
        assertTrue(scroll <= px, page + " at " + px + " px scrolls sideways: scrollWidth " + scroll + "; widest boxes: " + BrowserLib.js(driver, WIDE));
        @SuppressWarnings("unchecked")
        List<String> outside = (List<String>) BrowserLib.js(driver, TEXT_OUTSIDE);
        assertTrue(outside.isEmpty(), page + " at " + px + " px has text outside the viewport: " + outside);
    }

    private static void open(String path, String statusText) {
        driver.get(server.url(path));
        waitForText(driver, By.id("status"), statusText);
    }

    @Test void every_page_reflows_at_320_and_640_px() {
        for (int px : new int[] {320, 640}) {
            width(px);
            open("/", "loaded");
            check("/", px);
            open("/guidelines/nccn-breast/versions/2015", "Version 2015 loaded");
            check("version page", px);
            open("/compare?guideline=nccn-breast&from=2015&to=6.2026", "Compared");
            check("/compare", px);
            open("/questions/mbc-primary-surgery/evidence", "forest plot of");
            check("evidence page", px);
            open("/recommendations/nccn-breast/palliative-primary-surgery/history", "History loaded");
            check("history page", px);
            open("/evaluate?guideline=nccn-breast&version=2015", "case attributes loaded");
            check("/evaluate (form)", px);
            driver.findElement(By.id("attr-metastatic-true")).click();
            driver.findElement(By.id("attr-primaryTumorIntact-true")).click();
            driver.findElement(By.id("evaluate-button")).click();
            waitForText(driver, By.id("status"), "Evaluated");
            check("/evaluate (result)", px);
            driver.findElement(By.id("replay-button")).click();
            waitForText(driver, By.id("replay-status"), "Compared");
            check("/evaluate (re-run)", px);
        }
    }
}
