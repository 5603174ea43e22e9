package org.guidelinekb.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Validated bulk load against {@code tdb2.tdbloader}, whole processes into fresh folders (issue 15): one generated
 * guideline's three versions ({@code load_ratio_vs_tdbloader}), and in a full run the whole generated library
 * ({@code load_ratio_vs_tdbloader_30k}) with the growth of our time from the first to the second
 * ({@code load_growth_exponent} = log(time ratio) / log(size ratio), size in triples).
 */
public final class LoadPhase {
    private final Plan plan;
    private final List<String> launch;
    private final Path fusekiJar;
    private final Datasets data;
    private final Report report;
    private final Consumer<String> log;

    /** @param launch the JVM arguments that start our CLI ({@code -jar gkb.jar}, or a class path and the main class) */
    public LoadPhase(Plan plan, List<String> launch, Path fusekiJar, Datasets data, Report report, Consumer<String> log) {
        this.plan = plan;
        this.launch = launch;
        this.fusekiJar = fusekiJar;
        this.data = data;
        this.report = report;
        this.log = log;
    }

    public void run(Path work) {
        log.accept("bulk load, " + data.loadGuideline.size() + " files: gkb load vs tdb2.tdbloader, " + plan.pairRounds() + " interleaved rounds");
        List<LoadWorkload.Timing> small = new ArrayList<>();
        List<Pairs.Round> rounds = pairs(data.loadGuideline, plan.pairRounds(), small, work);
        report.figure("load_ratio_vs_tdbloader", Pairs.medianRatio(rounds));
        report.figure("load_s_ours", Pairs.median(rounds.stream().map(Pairs.Round::a).toList()));
        report.figure("load_s_tdbloader", Pairs.median(rounds.stream().map(Pairs.Round::b).toList()));
        report.detail("load_rounds", rounds);
        report.detail("load_triples", small.get(0).triples());
        if (!plan.loadLibrary()) {
            String why = "quick run: loading the whole generated library (" + data.loadLibrary.size() + " files) twice takes minutes; measured in the full run";
            report.figure("load_ratio_vs_tdbloader_30k", Double.NaN);
            report.figure("load_growth_exponent", Double.NaN);
            report.note("load_ratio_vs_tdbloader_30k and load_growth_exponent are null: " + why + ".");
            return;
        }
        log.accept("bulk load, " + data.loadLibrary.size() + " files: gkb load vs tdb2.tdbloader, 1 round");
        List<LoadWorkload.Timing> large = new ArrayList<>();
        List<Pairs.Round> big = pairs(data.loadLibrary, 1, large, work);
        report.figure("load_ratio_vs_tdbloader_30k", Pairs.medianRatio(big));
        report.figure("load_s_ours_30k", big.get(0).a());
        report.figure("load_s_tdbloader_30k", big.get(0).b());
        report.detail("load_triples_30k", large.get(0).triples());
        double timeRatio = big.get(0).a() / Pairs.median(rounds.stream().map(Pairs.Round::a).toList());
        double sizeRatio = (double) large.get(0).triples() / small.get(0).triples();
        report.figure("load_growth_exponent", Math.log(timeRatio) / Math.log(sizeRatio));
    }

    /** Rounds of ours then the peer on {@code files}: a and b in seconds, ratio = peer time / our time. */
    private List<Pairs.Round> pairs(List<Path> files, int n, List<LoadWorkload.Timing> ours, Path work) {
        return Pairs.run(n,
                () -> keep(ours, LoadWorkload.ours(launch, files, work.resolve("load-ours"))).seconds(),
                () -> LoadWorkload.tdbloader(fusekiJar, files, ours.get(ours.size() - 1).triples(), work.resolve("load-peer")).seconds(),
                (a, b) -> b / a);
    }

    private static <T> T keep(List<T> list, T t) {
        list.add(t);
        return t;
    }
}
