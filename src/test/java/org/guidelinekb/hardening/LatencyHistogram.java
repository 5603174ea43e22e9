package org.guidelinekb.hardening;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies counted in fixed buckets (each 2% wider than the one before, from 10 µs to about 100 s): its memory does
 * not grow with the number of requests, so a load test can read the heap without measuring its own records.
 * Percentiles are the upper bound of their bucket (2% resolution). Thread-safe.
 */
final class LatencyHistogram {
    private static final double FIRST_NANOS = 10_000;
    private static final double GROWTH = 1.02;
    private static final int BUCKETS = 820;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void add(long nanos) {
        int b = nanos <= FIRST_NANOS ? 0 : (int) Math.ceil(Math.log(nanos / FIRST_NANOS) / Math.log(GROWTH));
        counts.incrementAndGet(Math.min(BUCKETS - 1, b));
    }

    void addAll(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) counts.addAndGet(i, other.counts.get(i));
    }

    long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) n += counts.get(i);
        return n;
    }

    /** The {@code p}-th percentile (0..100) in milliseconds; NaN when empty. */
    double percentileMillis(double p) {
        long n = count();
        if (n == 0) return Double.NaN;
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) return FIRST_NANOS * Math.pow(GROWTH, i) / 1e6;
        }
        return FIRST_NANOS * Math.pow(GROWTH, BUCKETS - 1) / 1e6;
    }
}
