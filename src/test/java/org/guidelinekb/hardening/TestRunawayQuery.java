package org.guidelinekb.hardening;

import static org.guidelinekb.hardening.HardeningLib.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.guidelinekb.App;
import org.guidelinekb.AppConfig;
import org.guidelinekb.hardening.HardeningLib.Reply;
import org.guidelinekb.hardening.HardeningLib.Request;
import org.junit.jupiter.api.Test;

/**
 * A cross product over the public SPARQL endpoint ({@code runaway-cross-product.rq}: n³ rows to count) is cut at
 * the query timeout with a problem answer, again and again, while {@code /api/health} is called 200 times and
 * answers each correctly, each within a generous bound. How fast health answers meanwhile is a benchmark figure
 * ({@code health_p99_ms_during_runaway} in bench/, target < 50 ms), not an assertion here: timings flake on a busy machine.
 */
class TestRunawayQuery {
    private static final int TIMEOUT_SECONDS = 2;
    /**
     * How much longer than the timeout a cut query may take to answer (watchdog period, scheduling on 2 busy cores):
     * generous, so it cannot flake; an uncut cross product (n³ rows) would run for far longer.
     */
    private static final long SLACK_MILLIS = 10_000;
    private static final int HEALTH_CALLS = 200;
    /** Health must answer while a query runs: each call within this (generous, it cannot flake; the figure is in bench/). */
    private static final Duration HEALTH_BOUND = Duration.ofSeconds(TIMEOUT_SECONDS * 5L);

    @Test void a_cross_product_is_cut_at_the_timeout_while_health_answers_throughout() throws Exception {
        try (App app = App.start(AppConfig.forTests().withQueryTimeoutSeconds(TIMEOUT_SECONDS))) {
            String base = app.baseUrl();
            String query = HardeningLib.read(HardeningLib.RESOURCES.resolve("runaway-cross-product.rq"));
            Request runaway = Request.get(base + "/kb/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                    "Accept", "application/sparql-results+json");
            Request health = Request.get(base + "/api/health");
            for (int i = 0; i < 50; i++) assertEquals(200, HardeningLib.send(health).status()); // warms up the path

            AtomicBoolean measuring = new AtomicBoolean(true);
            List<Reply> cut = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> runner = pool.submit(() -> {
                while (measuring.get()) cut.add(HardeningLib.send(runaway, Duration.ofSeconds(TIMEOUT_SECONDS * 10L)));
                return null;
            });
            try {
                Thread.sleep(300); // the first query is running
                List<Long> busy = new ArrayList<>();
                while (busy.size() < HEALTH_CALLS) {
                    Reply h = HardeningLib.send(health, HEALTH_BOUND);
                    assertEquals(200, h.status(), h.toString());
                    assertTrue(h.body().contains("\"status\":\"ok\""), "health says the store answers:\n" + h);
                    busy.add(h.nanos());
                    Thread.sleep(5);
                }
                measuring.set(false);
                runner.get(TIMEOUT_SECONDS * 10L + 30, TimeUnit.SECONDS);

                System.out.printf("runaway query: %d cut (status after ms: %s); %d /api/health answers meanwhile%n", cut.size(),
                        cut.stream().map(r -> r.status() + " after " + r.nanos() / 1_000_000).toList(), busy.size());
                assertTrue(cut.size() >= 1, "no runaway query finished");
                for (Reply r : cut) {
                    assertTrue(r.status() >= 400, "the runaway query was not cut:\n" + r);
                    assertProblem(r, r.status());
                    assertTrue(r.nanos() / 1_000_000 < TIMEOUT_SECONDS * 1000L + SLACK_MILLIS,
                            "cut after " + r.nanos() / 1_000_000 + " ms, timeout " + TIMEOUT_SECONDS + " s:\n" + r);
                }
            } finally {
                measuring.set(false);
                pool.shutdownNow();
            }
            HardeningLib.assertHealthy(base);
        }
    }
}
