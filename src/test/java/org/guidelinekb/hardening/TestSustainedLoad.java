package org.guidelinekb.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.guidelinekb.App;
import org.guidelinekb.AppConfig;
import org.guidelinekb.hardening.HardeningLib.Reply;
import org.guidelinekb.hardening.HardeningLib.Request;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 50 clients on loopback, each sending one request after another — evaluate, SPARQL, the two comparisons, CDS
 * Hooks calls — for {@code -Dgkb.load.seconds} (default 60) or until {@code -Dgkb.load.maxRequests} (default 200,000)
 * have been sent: every answer a 200, and the heap after a full GC at the end no larger than after the warm-up (the
 * first tenth of the time) by more than {@link #HEAP_GROWTH_MB} MB. Latency percentiles per kind are printed, not
 * asserted.
 *
 * <p>The public SPARQL endpoint's watchdog keeps each query until its timeout has passed, so the server runs with a
 * short query timeout and each heap reading waits that long first: what is left is what the load left behind.
 */
@Tag("long") // ./gkb test --all only: a minute of load
class TestSustainedLoad {
    private static final int CLIENTS = 50;
    private static final Path DIR = HardeningLib.RESOURCES.resolve("load");
    /** Allowed growth of the heap after GC between the end of the warm-up and the end of the run. */
    private static final long HEAP_GROWTH_MB = 16;
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    /** One kind of request the clients mix. */
    record Kind(String name, Request request) {}

    @Test void fifty_clients_for_a_minute_get_no_error_and_the_heap_stays_flat() throws Exception {
        long seconds = Long.getLong("gkb.load.seconds", 60);
        long maxRequests = Long.getLong("gkb.load.maxRequests", 200_000);
        try (App app = App.start(AppConfig.forTests().withQueryTimeoutSeconds(QUERY_TIMEOUT_SECONDS))) {
            List<Kind> kinds = kinds(app.baseUrl());
            Map<String, LatencyHistogram> latencies = new TreeMap<>();
            kinds.forEach(k -> latencies.put(k.name(), new LatencyHistogram()));
            List<String> errors = Collections.synchronizedList(new ArrayList<>());
            AtomicLong sent = new AtomicLong();
            long warmUp = Math.max(1, seconds / 10);   // JIT, caches, pools
            load(kinds, warmUp, maxRequests, sent, latencies, errors, 0);
            long heapBefore = heapAfterGc();
            load(kinds, seconds - warmUp, maxRequests, sent, latencies, errors, CLIENTS);
            long heapAfter = heapAfterGc();

            LatencyHistogram all = new LatencyHistogram();
            latencies.values().forEach(all::addAll);
            System.out.printf("sustained load: %d clients, %d s, %d requests (%.0f/s), %d errors; heap after GC %d MB after warm-up, %d MB at the end%n",
                    CLIENTS, seconds, all.count(), all.count() / (double) seconds, errors.size(), heapBefore >> 20, heapAfter >> 20);
            latencies.forEach((name, h) -> System.out.printf("  %-34s %6d requests  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", name, h.count(),
                    h.percentileMillis(50), h.percentileMillis(99), h.percentileMillis(100)));
            System.out.printf("  %-34s %6d requests  p50 %7.1f ms  p99 %7.1f ms%n", "all", all.count(), all.percentileMillis(50), all.percentileMillis(99));
            assertTrue(errors.isEmpty(), errors.size() + " error(s), the first ones:\n" + String.join("\n", errors.subList(0, Math.min(5, errors.size()))));
            assertTrue(all.count() >= CLIENTS, "hardly any request was sent: " + all.count());
            assertTrue(heapAfter - heapBefore < HEAP_GROWTH_MB << 20, "the heap after GC grew from " + (heapBefore >> 20) + " MB to "
                    + (heapAfter >> 20) + " MB under load");
            HardeningLib.assertHealthy(app.baseUrl());
        }
    }

    /** {@value #CLIENTS} clients, each sending one request after another, for {@code seconds} or up to {@code maxRequests} in all. */
    private static void load(List<Kind> kinds, long seconds, long maxRequests, AtomicLong sent, Map<String, LatencyHistogram> latencies,
                             List<String> errors, int seedBase) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            SplittableRandom random = new SplittableRandom(seedBase + c);
            running.add(clients.submit(() -> {
                while (System.nanoTime() < end && sent.incrementAndGet() <= maxRequests && errors.size() < 20) {
                    Kind k = kinds.get(random.nextInt(kinds.size()));
                    try {
                        Reply r = HardeningLib.send(k.request());
                        latencies.get(k.name()).add(r.nanos());
                        if (r.status() != 200) throw new AssertionError(k.name() + " answered " + r.status() + ":\n" + r);
                    } catch (RuntimeException | AssertionError e) {
                        errors.add(k.name() + ": " + e.getMessage());
                    }
                }
            }));
        }
        for (Future<?> f : running) f.get(seconds + 120, TimeUnit.SECONDS);
        clients.shutdown();
    }

    /** Used heap after full collections (until it stops falling), once the watchdog has let go of the last queries. */
    private static long heapAfterGc() throws InterruptedException {
        Thread.sleep(QUERY_TIMEOUT_SECONDS * 1000L + 500);
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) break;
            used = now;
        }
        return used;
    }

    private static List<Kind> kinds(String base) throws Exception {
        List<Kind> kinds = new ArrayList<>();
        int i = 0;
        for (var c : HardeningLib.JSON.readTree(DIR.resolve("cases.json").toFile())) {
            kinds.add(new Kind("evaluate-" + (++i), Request.post(base + "/api/evaluate", "application/json", c.toString())));
        }
        kinds.add(new Kind("evaluate-compare", Request.post(base + "/api/evaluate/compare", "application/json",
                "{\"guideline\": \"nccn-breast\", \"from\": \"2015\", \"to\": \"6.2026\", \"case\": {\"metastatic\": true, \"primaryTumorIntact\": true}}")));
        kinds.add(new Kind("version-compare", Request.get(base + "/api/guidelines/nccn-breast/compare?from=2015&to=6.2026")));
        try (Stream<Path> qs = Files.list(DIR)) {
            for (Path q : qs.filter(p -> p.toString().endsWith(".rq")).sorted().toList()) {
                kinds.add(new Kind("sparql-" + q.getFileName().toString().replace(".rq", ""), Request.get(base + "/kb/sparql?query="
                        + URLEncoder.encode(HardeningLib.read(q), StandardCharsets.UTF_8), "Accept", "application/sparql-results+json")));
            }
        }
        for (String s : List.of("2015-symptomatic-resectable", "2015-missing-data", "order-2015-not-resectable")) {
            String body = HardeningLib.read(Path.of("src/test/resources/cds/scenarios", s, "request.json"));
            String service = body.contains("\"order-select\"") ? "gkb-breast-surgery-order-check" : "gkb-metastatic-breast-cancer";
            kinds.add(new Kind("cds-" + s, Request.post(base + "/cds-services/" + service, "application/json", body)));
        }
        return kinds;
    }
}
