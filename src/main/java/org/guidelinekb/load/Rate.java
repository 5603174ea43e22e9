package org.guidelinekb.load;

/** The tail of a progress line: how long a step took and how many items a second it handled. */
final class Rate {
    private Rate() {}

    /** e.g. {@code " in 2.1 s (77,450/s)"}, for {@code count} items since {@code startNanos}. */
    static String of(long count, long startNanos) {
        return of(count, startNanos, System.nanoTime());
    }

    /** As {@link #of(long, long)}, for a step that ended at {@code endNanos}. */
    static String of(long count, long startNanos, long endNanos) {
        double seconds = Math.max(1e-3, (endNanos - startNanos) / 1e9);
        return String.format(" in %.1f s (%,d/s)", seconds, Math.round(count / seconds));
    }

    /** e.g. {@code " in 2.1 s"}, since {@code startNanos}. */
    static String since(long startNanos) {
        return String.format(" in %.1f s", Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9));
    }
}
