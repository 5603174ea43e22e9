package org.guidelinekb.bench.http;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maximum throughput: {@code concurrency} clients each send the next call as soon as the previous answer arrived,
 * for a fixed time (after a short warm-up). Counts answers with the expected status; anything else is an error.
 */
public final class ClosedLoop {
    private ClosedLoop() {}

    public record Throughput(double opsPerSecond, long ok, long errors) {}

    public static Throughput run(HttpClient client, List<HttpCall> calls, int concurrency, Duration warmup, Duration duration) {
        if (!warmup.isZero()) go(client, calls, concurrency, warmup);
        return go(client, calls, concurrency, duration);
    }

    private static Throughput go(HttpClient client, List<HttpCall> calls, int concurrency, Duration duration) {
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            int offset = t;
            Thread th = new Thread(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    HttpCall c = calls.get(i++ % calls.size());
                    try {
                        HttpResponse<byte[]> r = client.send(c.request(), HttpResponse.BodyHandlers.ofByteArray());
                        (r.statusCode() == c.expectedStatus() ? ok : errors).incrementAndGet();
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "closed-loop-" + t);
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Throughput(ok.get() / secs, ok.get(), errors.get());
    }
}
