package org.guidelinekb.cli;

import java.util.function.Consumer;

/** Progress lines on stderr, shown only once an operation has taken more than a second. */
final class Progress {
    private Progress() {}

    static Consumer<String> stderr() {
        long start = System.nanoTime();
        return msg -> {
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (ms > 1000) System.err.printf("gkb: [%.1fs] %s%n", ms / 1000.0, msg);
        };
    }
}
