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
     * rounds in this JVM, each round ours (the full answer), ours status-only ({@code Reasoner.statuses}: a status per
     * statement, what the engine computes) and the engine. {@code evaluate_speedup_vs_cql} and
     * {@code evaluate_speedup_vs_cql_status} are the shipped KB's; {@code _1k} / {@code _status_1k} a generated
     * 1,000-statement version's. Each ratio is the engine's p50 over ours in the same round.
     */
    private void cqlPeer(String name, String kb) {
        log.accept("evaluation, " + name + " KB: ours (full, status-only) vs the reference CQL engine, " + plan.evalRounds() + " interleaved rounds");
        List<Jmh.Sample> ours = new ArrayList<>();
        List<Jmh.Sample> status = new ArrayList<>();
        List<Jmh.Sample> cql = new ArrayList<>();
        List<Pairs.Round> rounds = new ArrayList<>();
        List<Pairs.Round> statusRounds = new ArrayList<>();
        for (int i = 0; i < plan.evalRounds(); i++) {
            double full = keep(ours, jmh.run(EvaluateBench.class, "ours", Map.of("kb", kb))).p50Us();
            double only = keep(status, jmh.run(EvaluateBench.class, "status", Map.of("kb", kb))).p50Us();
            double engine = keep(cql, jmh.run(CqlEvaluateBench.class, "cql", Map.of("kb", kb))).p50Us();
            rounds.add(new Pairs.Round(full, engine, engine / full));
            statusRounds.add(new Pairs.Round(only, engine, engine / only));
        }
        String suffix = name.equals("shipped") ? "" : "_" + name;
        report.figure("evaluate_speedup_vs_cql" + suffix, Pairs.medianRatio(rounds));
        report.figure("evaluate_speedup_vs_cql_status" + suffix, Pairs.medianRatio(statusRounds));
        report.figure("cql_p50_us_" + name, Pairs.median(cql.stream().map(Jmh.Sample::p50Us).toList()));
        report.figure("evaluate_p50_us_" + name + "_vs_cql", Pairs.median(ours.stream().map(Jmh.Sample::p50Us).toList()));
        report.figure("evaluate_status_p50_us_" + name + "_vs_cql", Pairs.median(status.stream().map(Jmh.Sample::p50Us).toList()));
        report.detail("evaluation_" + name + "_cql_rounds", rounds);
        report.detail("evaluation_" + name + "_cql_status_rounds", statusRounds);
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
