package org.guidelinekb.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.guidelinekb.bench.jmh.CqlEvaluateBench;
import org.guidelinekb.bench.jmh.DiffBench;
import org.guidelinekb.bench.jmh.EvaluateBench;
import org.guidelinekb.bench.jmh.NaiveEvaluateBench;
import org.guidelinekb.bench.proc.Memory;

/** The in-process figures: evaluation (with the naive peer), version diff, heap over many evaluations. */
public final class InProcessPhase {
    private final Plan plan;
    private final Jmh jmh;
    private final Datasets data;
    private final Report report;
    private final Consumer<String> log;

    public InProcessPhase(Plan plan, Jmh jmh, Datasets data, Report report, Consumer<String> log) {
        this.plan = plan;
        this.jmh = jmh;
        this.data = data;
        this.report = report;
        this.log = log;
    }

    public void evaluation() {
        String shipped = data.shippedDb.toString();
        log.accept("evaluation, shipped KB: ours vs naive, " + plan.evalRounds() + " interleaved rounds");
        List<Jmh.Sample> ours = new ArrayList<>();
        List<Jmh.Sample> naive = new ArrayList<>();
        List<Pairs.Round> rounds = Pairs.run(plan.evalRounds(),
                () -> keep(ours, jmh.run(EvaluateBench.class, "ours", Map.of("kb", shipped))).p50Us(),
                () -> keep(naive, jmh.run(NaiveEvaluateBench.class, "naive", Map.of("kb", shipped))).p50Us(),
                (a, b) -> b / a);
        report.figure("evaluate_p50_us_shipped", Pairs.median(ours.stream().map(Jmh.Sample::p50Us).toList()));
        report.figure("evaluate_p99_us_shipped", Pairs.median(ours.stream().map(Jmh.Sample::p99Us).toList()));
        report.figure("evaluate_p999_us_shipped", Pairs.median(ours.stream().map(Jmh.Sample::p999Us).toList()));
        report.figure("naive_p50_us_shipped", Pairs.median(naive.stream().map(Jmh.Sample::p50Us).toList()));
        report.figure("evaluate_speedup_vs_naive", Pairs.medianRatio(rounds));
        report.detail("evaluation_shipped_rounds", rounds);
        try (org.guidelinekb.KnowledgeBase kb = EvaluationWorkload.openKb(shipped)) {
            report.detail("naive_base_triples_shipped", NaiveEvaluator.of(kb).baseTriples());
        }
        cqlPeer("shipped", shipped);
        cqlPeer("1k", data.gen1kDb.toString());

        String kb10k = data.kb10kDb.toString();
        log.accept("evaluation, 10k KB: ours" + (plan.naive10k() ? " vs naive" : ""));
        if (plan.naive10k()) {
            List<Jmh.Sample> ours10 = new ArrayList<>();
            List<Pairs.Round> r10 = Pairs.run(1,
                    () -> keep(ours10, jmh.run(EvaluateBench.class, "ours", Map.of("kb", kb10k))).p50Us(),
                    () -> jmh.run(NaiveEvaluateBench.class, "naive", Map.of("kb", kb10k, "cases", "4")).p50Us(),
                    (a, b) -> b / a);
            report.figure("evaluate_p50_us_10k", ours10.get(0).p50Us());
            report.figure("evaluate_p99_us_10k", ours10.get(0).p99Us());
            report.figure("naive_p50_us_10k", r10.get(0).b());
            report.figure("evaluate_speedup_vs_naive_10k", r10.get(0).ratio());
        } else {
            Jmh.Sample s = jmh.run(EvaluateBench.class, "ours", Map.of("kb", kb10k));
            report.figure("evaluate_p50_us_10k", s.p50Us());
            report.figure("evaluate_p99_us_10k", s.p99Us());
            report.note("Quick run: the naive peer is measured on the shipped KB only (on the 10k KB one naive evaluation takes seconds).");
        }
    }

    /**
     * Ours vs the reference CQL engine on the exported CQL (issue 19, docs/fhir.md): the same cases, interleaved
     * rounds in this JVM. Each round measures, one after the other:
     * <ul>
     * <li>the decision alone on each side, like with like: ours the statuses of a case parsed in setup
     * ({@code Reasoner.statuses}), the engine its defines on parameters made in setup, each counting the statements
     * that apply ({@code evaluate_speedup_vs_cql}, {@code _1k});</li>
     * <li>from the case JSON: ours the statuses of the request (parsing and validating it included), the engine its
     * parameters made from the case JSON and its defines ({@code _status}, {@code _status_1k});</li>
     * <li>ours the full answer with explanations from the request JSON against the same engine figure ({@code _full},
     * {@code _full_1k}).</li>
     * </ul>
     * Each ratio is the engine's p50 over ours in the same round; the figure is the median of the rounds.
     */
    private void cqlPeer(String name, String kb) {
        log.accept("evaluation, " + name + " KB: ours vs the reference CQL engine (decision alone, from JSON, full answer), "
                + plan.evalRounds() + " interleaved rounds");
        // 256 cases, four batches: no batch replays the one before (measured: ours 110 ns as with 64 cases, so nothing is
        // learned from a replay); with 1,024 the prepared cases fall out of the faster caches (171 ns), which a
        // request's case, just parsed, does not
        Map<String, String> p = Map.of("kb", kb, "cases", "256");
        List<Jmh.Sample> decision = new ArrayList<>();
        List<Jmh.Sample> engine = new ArrayList<>();
        List<Jmh.Sample> status = new ArrayList<>();
        List<Jmh.Sample> engineJson = new ArrayList<>();
        List<Jmh.Sample> full = new ArrayList<>();
        List<Pairs.Round> decisionRounds = new ArrayList<>();
        List<Pairs.Round> statusRounds = new ArrayList<>();
        List<Pairs.Round> fullRounds = new ArrayList<>();
        for (int i = 0; i < plan.evalRounds(); i++) {
            double ours = keep(decision, jmh.run(EvaluateBench.class, "statusPrepared", p)).p50Us();
            double theirs = keep(engine, jmh.run(CqlEvaluateBench.class, "cqlPrepared", p)).p50Us();
            double oursJson = keep(status, jmh.run(EvaluateBench.class, "status", p)).p50Us();
            double theirsJson = keep(engineJson, jmh.run(CqlEvaluateBench.class, "cql", p)).p50Us();
            double oursFull = keep(full, jmh.run(EvaluateBench.class, "ours", p)).p50Us();
            decisionRounds.add(new Pairs.Round(ours, theirs, theirs / ours));
            statusRounds.add(new Pairs.Round(oursJson, theirsJson, theirsJson / oursJson));
            fullRounds.add(new Pairs.Round(oursFull, theirsJson, theirsJson / oursFull));
        }
        String suffix = name.equals("shipped") ? "" : "_" + name;
        report.figure("evaluate_speedup_vs_cql" + suffix, Pairs.medianRatio(decisionRounds));
        report.figure("evaluate_speedup_vs_cql_status" + suffix, Pairs.medianRatio(statusRounds));
        report.figure("evaluate_speedup_vs_cql_full" + suffix, Pairs.medianRatio(fullRounds));
        report.figure("cql_p50_us_" + name, p50(engine));
        report.figure("cql_json_p50_us_" + name, p50(engineJson));
        report.figure("evaluate_p50_us_" + name + "_vs_cql", p50(decision));
        report.figure("evaluate_status_p50_us_" + name + "_vs_cql", p50(status));
        report.figure("evaluate_full_p50_us_" + name + "_vs_cql", p50(full));
        report.detail("evaluation_" + name + "_cql_rounds", decisionRounds);
        report.detail("evaluation_" + name + "_cql_status_rounds", statusRounds);
        report.detail("evaluation_" + name + "_cql_full_rounds", fullRounds);
    }

    private static double p50(List<Jmh.Sample> samples) {
        return Pairs.median(samples.stream().map(Jmh.Sample::p50Us).toList());
    }

    public void diff() {
        Map<String, Double> msPer1k = new LinkedHashMap<>();
        for (int n : plan.diffSizes()) {
            log.accept("version diff, " + n + " changed statements");
            Jmh.Sample s = jmh.run(DiffBench.class, "compare", Map.of("changed", Integer.toString(n)));
            double ms = s.p50Us() / 1000.0;
            String key = n >= 1000 ? "diff_" + (n / 1000) + "k_ms" : "diff_" + n + "_ms";
            report.figure(key, ms);
            msPer1k.put(key, ms / (n / 1000.0));
        }
        report.detail("diff_ms_per_1000_statements", msPer1k);
    }

    public void heapOverEvaluations() {
        log.accept("heap over " + plan.heapEvaluations() + " evaluations (in-process, shipped KB)");
        try (EvaluationWorkload w = EvaluationWorkload.open(data.shippedDb.toString(), 64, 42)) {
            for (int i = 0; i < 20_000; i++) w.evaluateNext();
            double before = Memory.heapAfterGcMb();
            for (int i = 0; i < plan.heapEvaluations(); i++) w.evaluateNext();
            double after = Memory.heapAfterGcMb();
            report.figure("heap_after_gc_mb_before_evaluations", before);
            report.figure("heap_after_gc_mb_after_evaluations", after);
            report.figure("heap_growth_mb_over_evaluations", after - before);
            report.detail("heap_evaluations", plan.heapEvaluations());
        }
    }

    private static <T> T keep(List<T> list, T t) {
        list.add(t);
        return t;
    }
}
