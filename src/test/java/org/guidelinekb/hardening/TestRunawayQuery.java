package org.guidelinekb.hardening;

import static org.guidelinekb.hardening.HardeningLib.assertProblem;
import static org.guidelinekb.hardening.HardeningLib.percentileMillis;
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
 * answers each within 50 ms at the 99th percentile.
 */
class TestRunawayQuery {
    private static final int TIMEOUT_SECONDS = 2;
    /** How much longer than the timeout a cut query may take to answer (watchdog period, scheduling on 2 busy cores). */
    private static final long SLACK_MILLIS = 3_000;
    private static final int HEALTH_CALLS = 200;

    @Test void a_cross_product_is_cut_at_the_timeout_while_health_answers_within_50_ms_at_p99() throws Exception {
        try (App app = App.start(AppConfig.forTests().withQueryTimeoutSeconds(TIMEOUT_SECONDS))) {
            String base = app.baseUrl();
            String query = HardeningLib.read(HardeningLib.RESOURCES.resolve("runaway-cross-product.rq"));
            Request runaway = Request.get(base + "/kb/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                    "Accept", "application/sparql-results+json");
            Request health = Request.get(base + "/api/health");
            List<Long> idle = new ArrayList<>();
            for (int i = 0; i < 50; i++) idle.add(HardeningLib.send(health).nanos()); // warms up the path, and a baseline

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
                    Reply h = HardeningLib.send(health);
                    assertEquals(200, h.status(), h.toString());
                    busy.add(h.nanos());
                    Thread.sleep(5);
                }
                measuring.set(false);
                runner.get(TIMEOUT_SECONDS * 10L + 30, TimeUnit.SECONDS);

                double p50 = percentileMillis(busy, 50);
                double p99 = percentileMillis(busy, 99);
                System.out.printf("runaway query: %d cut (status after ms: %s); /api/health idle p50 %.1f ms p99 %.1f ms; "
                        + "during the runaway p50 %.1f ms p99 %.1f ms max %.1f ms%n", cut.size(),
                        cut.stream().map(r -> r.status() + " after " + r.nanos() / 1_000_000).toList(), percentileMillis(idle, 50),
                        percentileMillis(idle, 99), p50, p99, percentileMillis(busy, 100));
                assertTrue(cut.size() >= 1, "no runaway query finished");
                for (Reply r : cut) {
                    assertTrue(r.status() >= 400, "the runaway query was not cut:\n" + r);
                    assertProblem(r, r.status());
                    assertTrue(r.nanos() / 1_000_000 < TIMEOUT_SECONDS * 1000L + SLACK_MILLIS,
                            "cut after " + r.nanos() / 1_000_000 + " ms, timeout " + TIMEOUT_SECONDS + " s:\n" + r);
                }
                assertTrue(p99 < 50, "/api/health p99 " + p99 + " ms during the runaway query (want < 50 ms)");
            } finally {
                measuring.set(false);
                pool.shutdownNow();
            }
            HardeningLib.assertHealthy(base);
        }
    }
}
