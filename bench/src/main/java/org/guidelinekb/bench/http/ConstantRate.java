package org.guidelinekb.bench.http;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Constant-arrival-rate load (wrk2-style): request i is due at {@code start + i / rate}, sent then whether or not
 * earlier answers have come back, and its latency is measured from the time it was DUE, not from when it was sent.
 * A stall of the server therefore shows up in the percentiles instead of silently lowering the rate (no coordinated
 * omission). Latencies go into an HdrHistogram (microseconds, 3 significant digits).
 */
public final class ConstantRate {
    private ConstantRate() {}

    public record Latency(double rate, long sent, long ok, long errors, double p50Ms, double p99Ms, double p999Ms, double maxMs) {}

    public static Latency run(HttpClient client, List<HttpCall> calls, double rate, Duration duration) {
        Histogram h = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<CompletableFuture<?>> pending = new ConcurrentLinkedQueue<>();
        long n = Math.max(1, (long) (rate * duration.toNanos() / 1e9));
        double intervalNs = 1e9 / rate;
        long start = System.nanoTime();
        for (long i = 0; i < n; i++) {
            long due = start + (long) (i * intervalNs);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
            HttpCall c = calls.get((int) (i % calls.size()));
            CompletableFuture<?> f = client.sendAsync(c.request(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
                long micros = (System.nanoTime() - due) / 1000;
                h.recordValue(Math.min(micros, h.getHighestTrackableValue()));
                (e == null && r.statusCode() == c.expectedStatus() ? ok : errors).incrementAndGet();
            });
            pending.add(f);
            if (pending.size() > 10_000) pending.removeIf(CompletableFuture::isDone);
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return new Latency(rate, n, ok.get(), errors.get(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
