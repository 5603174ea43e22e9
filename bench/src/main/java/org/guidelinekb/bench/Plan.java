package org.guidelinekb.bench;

import java.time.Duration;
import java.util.List;

/**
 * How much of everything a run does: {@link #quick()} (under 3 minutes on 2 cores, after the build) or
 * {@link #full()} (under 30). Both run every benchmark and fill every report key; quick runs fewer rounds, shorter
 * iterations and smaller peers where a figure would otherwise not fit.
 *
 * <p>The replica phase has its own, smaller budget: {@code replicaRounds} interleaved rounds of each comparison, each
 * load run {@code replicaDuration} long (after {@code warmup}, at {@code concurrency} clients like the HTTP phase),
 * {@code replicaPublishes} publishes timed until the other replica serves them, replicas polling the store's stamp
 * every {@code replicaRefreshMillis} (1000 = the default of {@code gkb serve --refresh}).
 *
 * <p>The load phase generates 10 guidelines x 3 versions x {@code loadRecommendations} statements (seed 7, as issue
 * 15 measures) and loads one guideline's three files; with {@code loadLibrary} also all thirty.
 */
public record Plan(String name, int evalRounds, int warmupIterations, int iterationSeconds, int measureIterations,
                   int kb10kGuidelines, int kb10kRecommendations, int kb10kVersions, boolean naive10k, List<Integer> diffSizes,
                   int pairRounds, Duration warmup, Duration duration, int concurrency, int loadRecommendations,
                   int heapEvaluations, int coldStarts, boolean coldStartEmptyFolder, int sparqlGuidelines,
                   int sparqlRecommendations, boolean memory10k, int replicaRounds, Duration replicaDuration, int replicaPublishes,
                   long replicaRefreshMillis, boolean loadLibrary) {

    public static Plan quick() {
        return new Plan("quick", 2, 1, 1, 2, 10, 1000, 1, false, List.of(1_000, 10_000, 100_000), 2, Duration.ofSeconds(1),
                Duration.ofSeconds(2), 4, 1000, 200_000, 2, true, 2, 250, true, 1, Duration.ofSeconds(2), 3, 1000, false);
    }

    public static Plan full() {
        return new Plan("full", 3, 3, 10, 5, 10, 1000, 2, true, List.of(1_000, 10_000, 100_000), 3, Duration.ofSeconds(5),
                Duration.ofSeconds(20), 4, 1000, 1_000_000, 5, true, 4, 1_000, true, 3, Duration.ofSeconds(10), 10, 1000, true);
    }

    /** For the smoke test only: every phase once, tiny (its figures mean nothing). */
    public static Plan tiny() {
        return new Plan("tiny", 1, 1, 1, 1, 1, 20, 1, false, List.of(50), 1, Duration.ZERO, Duration.ofMillis(300), 2, 5,
                1_000, 1, false, 1, 10, false, 1, Duration.ofMillis(300), 1, 200, false);
    }
}
