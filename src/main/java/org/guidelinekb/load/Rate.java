package org.guidelinekb.load;

/** The tail of a progress line: how long a step took and how many items a second it handled. */
final class Rate {
    private Rate() {}

    /** e.g. {@code " in 2.1 s (77,450/s)"}, for {@code count} items since {@code startNanos}. */
    static String of(long count, long startNanos) {
        return since(startNanos) + String.format(" (%,d/s)", Math.round(count / seconds(startNanos)));
    }

    /** e.g. {@code " in 2.1 s"}, since {@code startNanos}. */
    static String since(long startNanos) {
        return String.format(" in %.1f s", seconds(startNanos));
    }

    private static double seconds(long startNanos) {
        return Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    }
}
