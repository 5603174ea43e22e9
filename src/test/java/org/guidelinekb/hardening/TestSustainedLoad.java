package org.guidelinekb.hardening;

import static org.guidelinekb.hardening.HardeningLib.percentileMillis;
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
import java.util.concurrent.ConcurrentHashMap;
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
import org.junit.jupiter.api.Test;

/**
 * 50 clients on loopback, each sending one request after another — evaluate, SPARQL, the two comparisons, CDS
 * Hooks calls — for {@code -Dgkb.load.seconds} (default 60) or until {@code -Dgkb.load.maxRequests} (default 200,000)
 * have been sent: every answer a 200, and the heap after a full GC at the end no larger than after warm-up by more
 * than {@link #HEAP_GROWTH_MB} MB. Latency percentiles per kind are printed, not asserted.
 */
class TestSustainedLoad {
    private static final int CLIENTS = 50;
    private static final Path DIR = HardeningLib.RESOURCES.resolve("load");
    private static final long HEAP_GROWTH_MB = 64;

    /** One kind of request the clients mix. */
    record Kind(String name, Request request) {}

    @Test void fifty_clients_for_a_minute_get_no_error_and_the_heap_stays_flat() throws Exception {
        long seconds = Long.getLong("gkb.load.seconds", 60);
        long maxRequests = Long.getLong("gkb.load.maxRequests", 200_000);
        try (App app = App.start(AppConfig.forTests())) {
            List<Kind> kinds = kinds(app.baseUrl());
            // warm-up: every kind a few times, so JIT, caches and pools are in place before the first heap reading
            for (int i = 0; i < 20; i++) for (Kind k : kinds) check(k, HardeningLib.send(k.request()));
            long heapBefore = heapAfterGc();

            Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
            kinds.forEach(k -> latencies.put(k.name(), Collections.synchronizedList(new ArrayList<>())));
            AtomicLong sent = new AtomicLong();
            List<String> errors = Collections.synchronizedList(new ArrayList<>());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                SplittableRandom random = new SplittableRandom(c);
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < end && sent.incrementAndGet() <= maxRequests && errors.size() < 20) {
                        Kind k = kinds.get(random.nextInt(kinds.size()));
                        try {
                            Reply r = HardeningLib.send(k.request());
                            latencies.get(k.name()).add(r.nanos());
                            check(k, r);
                        } catch (RuntimeException | AssertionError e) {
                            errors.add(k.name() + ": " + e.getMessage());
                        }
                    }
                }));
            }
            for (Future<?> f : running) f.get(seconds + 120, TimeUnit.SECONDS);
            clients.shutdown();
            long heapAfter = heapAfterGc();

            List<Long> all = new ArrayList<>();
            latencies.values().forEach(all::addAll);
            System.out.printf("sustained load: %d clients, %d s, %d requests (%.0f/s), %d errors; heap after GC %d MB -> %d MB%n",
                    CLIENTS, seconds, all.size(), all.size() / (double) seconds, errors.size(), heapBefore >> 20, heapAfter >> 20);
            for (Map.Entry<String, List<Long>> e : new TreeMap<>(latencies).entrySet()) {
                System.out.printf("  %-22s %7d requests  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", e.getKey(), e.getValue().size(),
                        percentileMillis(e.getValue(), 50), percentileMillis(e.getValue(), 99), percentileMillis(e.getValue(), 100));
            }
            System.out.printf("  %-22s %7d requests  p50 %7.1f ms  p99 %7.1f ms%n", "all", all.size(), percentileMillis(all, 50),
                    percentileMillis(all, 99));
            assertTrue(errors.isEmpty(), errors.size() + " error(s), the first ones:\n" + String.join("\n", errors.subList(0, Math.min(5, errors.size()))));
            assertTrue(all.size() >= CLIENTS, "hardly any request was sent: " + all.size());
            assertTrue(heapAfter - heapBefore < HEAP_GROWTH_MB << 20, "the heap after GC grew from " + (heapBefore >> 20) + " MB to "
                    + (heapAfter >> 20) + " MB under load");
            HardeningLib.assertHealthy(app.baseUrl());
        }
    }

    private static void check(Kind k, Reply r) {
        if (r.status() != 200) throw new AssertionError(k.name() + " answered " + r.status() + ":\n" + r);
    }

    /** Used heap after full collections (several, until it stops falling). */
    private static long heapAfterGc() throws InterruptedException {
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
